// "Customer 360" on the account page: the account's receivable (outstanding, overdue, unapplied
// credit) against its credit limit, deals by status, sales orders with delivery progress and
// ship dates, open invoices, recent payments and the open tickets count, live. The page itself
// already lists the deals, contacts and the activity timeline, so those are not repeated.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { TriangleAlert } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/badge.tsx';
import { Card } from '@/components/card.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { big } from '../api/amounts.ts';
import {
  useCustomer360Live,
  useCustomerBalance,
  useCustomerDeals,
  useCustomerOpenInvoices,
  useCustomerOpenTickets,
  useCustomerOrders,
  useCustomerPayments,
  type CustomerOrder,
} from '../api/customer-360.ts';
import { PaymentStatusBadge } from './payment-status-badge.tsx';

const ORDER_STATUS: Record<CustomerOrder['status'], { label: string; tone: BadgeTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  confirmed: { label: 'Confirmed', tone: 'info' },
  partially_delivered: { label: 'Partly delivered', tone: 'warning' },
  delivered: { label: 'Delivered', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

function Figure({ label, children, tone }: { label: string; children: ReactNode; tone?: 'danger' }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className={`m-0 text-lg font-semibold tabular-nums ${tone === 'danger' ? 'text-danger' : ''}`}>{children}</dd>
    </div>
  );
}

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="grid content-start gap-2" aria-label={title}>
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="m-0 text-sm font-semibold">{title}</h3>
        {action}
      </div>
      {children}
    </section>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <p className="m-0 text-sm text-muted">{children}</p>;
}

export function Customer360Panel({ accountId }: { accountId: string }) {
  const { org, role } = useCurrentOrg();
  useCustomer360Live(org.id, accountId);
  const canBalances = can(role, 'receivables.read');
  const canInvoices = can(role, 'invoices.read');
  const canPayments = can(role, 'payments.read');
  const balance = useCustomerBalance(org.id, accountId, canBalances);
  const deals = useCustomerDeals(org.id, accountId, can(role, 'deals.read'));
  const orders = useCustomerOrders(org.id, accountId);
  const invoices = useCustomerOpenInvoices(org.id, accountId, canInvoices);
  const payments = useCustomerPayments(org.id, accountId, canPayments);
  const tickets = useCustomerOpenTickets(org.id, accountId, can(role, 'tickets.read'));
  const base = org.base_currency;
  const b = balance.data;
  // The limit is in the customer's currency; balances are in base currency, so compare only when they match.
  const comparable = b && (b.accountCurrency === null || b.accountCurrency === base);
  const overLimit = comparable && b.overLimit;

  return (
    <Card title="Customer 360" description="Money, orders and service for this account, as they happen.">
      <div className="grid gap-6">
        {canBalances && (
          <Section title="Receivable">
            {balance.isError ? (
              <Muted>Could not load the balance: {errorMessage(balance.error)}</Muted>
            ) : !b ? (
              <Muted>Loading…</Muted>
            ) : (
              <>
                <dl className="m-0 grid grid-cols-2 gap-4 sm:grid-cols-4">
                  <Figure label="Outstanding">{formatMoney(b.totalDue, base)}</Figure>
                  <Figure label="Overdue" tone={big(b.overdue).gt(0) ? 'danger' : undefined}>
                    {formatMoney(b.overdue, base)}
                  </Figure>
                  <Figure label="Unapplied credit">{formatMoney(b.unappliedCredit, base)}</Figure>
                  <Figure label="Credit limit" tone={overLimit ? 'danger' : undefined}>
                    {b.creditLimit === null ? 'None' : formatMoney(b.creditLimit, b.accountCurrency ?? base)}
                  </Figure>
                </dl>
                {overLimit && (
                  <p role="alert" className="m-0 flex items-center gap-2 text-sm font-semibold text-danger">
                    <TriangleAlert className="size-4" aria-hidden="true" />
                    Credit limit exceeded by {formatMoney(big(b.totalDue).minus(big(b.creditLimit)), base)}
                  </p>
                )}
                {b.oldestDueDate && <Muted>Oldest unpaid invoice due {formatDate(b.oldestDueDate)}.</Muted>}
              </>
            )}
          </Section>
        )}

        <div className="grid gap-6 md:grid-cols-2">
          {deals.data && (
            <Section title="Deals by status">
              <ul className="m-0 grid list-none gap-1 p-0 text-sm">
                {deals.data.map((d) => (
                  <li key={d.status} className="flex justify-between gap-2">
                    <span className="capitalize">
                      {d.status} <span className="text-muted">({d.count})</span>
                    </span>
                    <span className="tabular-nums">
                      {d.values.length === 0 ? '—' : d.values.map((v) => formatMoney(v.amount, v.currency)).join(' + ')}
                    </span>
                  </li>
                ))}
              </ul>
            </Section>
          )}

          {tickets.data !== undefined && (
            <Section
              title="Support"
              action={
                <Link to="/tickets" className="text-xs hover:underline">
                  Tickets
                </Link>
              }
            >
              <p className="m-0 text-sm">
                <span className="text-lg font-semibold tabular-nums">{tickets.data}</span> open{' '}
                {tickets.data === 1 ? 'ticket' : 'tickets'}
              </p>
            </Section>
          )}
        </div>

        <Section title="Sales orders">
          {orders.isError ? (
            <Muted>Could not load the orders: {errorMessage(orders.error)}</Muted>
          ) : !orders.data ? (
            <Muted>Loading…</Muted>
          ) : orders.data.rows.length === 0 ? (
            <Muted>No sales orders yet.</Muted>
          ) : (
            <table className="w-full text-sm">
              <caption className="sr-only">Sales orders</caption>
              <thead>
                <tr className="border-b border-border text-left text-xs text-muted">
                  <th scope="col" className="py-1 pr-3 font-semibold">
                    Order
                  </th>
                  <th scope="col" className="py-1 pr-3 font-semibold">
                    Status
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right font-semibold">
                    Delivered
                  </th>
                  <th scope="col" className="py-1 font-semibold">
                    Shipped / promised
                  </th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {orders.data.rows.map((o) => (
                  <tr key={o.id} className="border-b border-border last:border-b-0">
                    <th scope="row" className="py-1 pr-3 text-left font-normal">
                      <Link to={`/sales-orders/${o.id}`} className="hover:underline">
                        {o.number ?? 'Draft'}
                      </Link>
                      <span className="block text-xs text-muted">{formatDate(o.order_date)}</span>
                    </th>
                    <td className="py-1 pr-3">
                      <Badge tone={ORDER_STATUS[o.status].tone}>{ORDER_STATUS[o.status].label}</Badge>
                    </td>
                    <td className="py-1 pr-3 text-right">{o.deliveredPercent}%</td>
                    <td className="py-1">
                      {o.shipDates.length > 0 ? `Shipped ${o.shipDates.map((d) => formatDate(d)).join(', ')}` : '—'}
                      {o.promised_date && o.status !== 'delivered' && (
                        <span className="block text-xs text-muted">promised {formatDate(o.promised_date)}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {orders.data && orders.data.count > orders.data.rows.length && (
            <Muted>
              Latest {orders.data.rows.length} of {orders.data.count} orders.
            </Muted>
          )}
        </Section>

        <div className="grid gap-6 md:grid-cols-2">
          {canInvoices && (
            <Section
              title="Open invoices"
              action={
                <Link to={`/invoices?customer=${accountId}`} className="text-xs hover:underline">
                  All invoices
                </Link>
              }
            >
              {invoices.isError ? (
                <Muted>Could not load the invoices: {errorMessage(invoices.error)}</Muted>
              ) : !invoices.data ? (
                <Muted>Loading…</Muted>
              ) : invoices.data.length === 0 ? (
                <Muted>Nothing unpaid.</Muted>
              ) : (
                <ul className="m-0 grid list-none gap-1 p-0 text-sm">
                  {invoices.data.map((i) => (
                    <li key={i.id} className="flex flex-wrap items-center justify-between gap-2">
                      <span>
                        <Link to={`/invoices/${i.id}`} className="hover:underline">
                          {i.number}
                        </Link>{' '}
                        <span className="text-xs text-muted">due {formatDate(i.due_date)}</span>
                      </span>
                      <span className="flex items-center gap-2">
                        <PaymentStatusBadge status={i.payment_status} />
                        <span className="tabular-nums">{formatMoney(i.amount_due, i.currency)}</span>
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          )}

          {canPayments && (
            <Section
              title="Recent payments"
              action={
                <Link to={`/payments?partner=${accountId}`} className="text-xs hover:underline">
                  All payments
                </Link>
              }
            >
              {payments.isError ? (
                <Muted>Could not load the payments: {errorMessage(payments.error)}</Muted>
              ) : !payments.data ? (
                <Muted>Loading…</Muted>
              ) : payments.data.length === 0 ? (
                <Muted>No payments yet.</Muted>
              ) : (
                <ul className="m-0 grid list-none gap-1 p-0 text-sm">
                  {payments.data.map((p) => (
                    <li key={p.id} className="flex justify-between gap-2">
                      <span>
                        {p.number} <span className="text-xs text-muted">{formatDate(p.payment_date)}</span>
                      </span>
                      <span className="tabular-nums">
                        {p.direction === 'outgoing' ? '−' : ''}
                        {formatMoney(p.amount, p.currency)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          )}
        </div>
      </div>
    </Card>
  );
}
