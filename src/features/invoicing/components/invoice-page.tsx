// One invoice or credit note: header (customer, order, dates, currency and rate), lines and
// totals, payment status and amount due, what settled it (payments, credit notes) and the
// documents it is linked to, its PDF, and what can happen next: post a draft, issue a credit
// note, record a payment. Live: payments and credit notes elsewhere update it.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ArrowLeft, Banknote, FileDown, FileMinus, Send } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate, formatDateTime } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { big } from '../api/amounts.ts';
import { invoicePdfUrl, useInvoice, useInvoiceMutations, type LinkedInvoice } from '../api/invoices.ts';
import { DOCUMENT_STATUS_LABELS, KIND_LABELS } from '../schemas/invoicing.ts';
import { CreditNoteDialog } from './credit-note-dialog.tsx';
import { InvoiceAllocationsCard } from './invoice-allocations-card.tsx';
import { InvoiceLinesTable } from './invoice-lines-table.tsx';
import { PaymentStatusBadge } from './payment-status-badge.tsx';
import { RecordInvoicePaymentDialog } from './record-invoice-payment-dialog.tsx';

function DocLink({ doc }: { doc: LinkedInvoice }) {
  return (
    <Link to={`/invoices/${doc.id}`} className="hover:underline">
      {KIND_LABELS[doc.kind]} {doc.number ?? '(draft)'}
    </Link>
  );
}

export function InvoicePage() {
  const { invoiceId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  const supabase = useSupabase();
  const canSeePayments = can(role, 'payments.read');
  const details = useInvoice(org.id, invoiceId, { withAllocations: canSeePayments });
  const { post } = useInvoiceMutations(org.id);
  const [posting, setPosting] = useState(false);
  const [crediting, setCrediting] = useState(false);
  const [paying, setPaying] = useState(false);
  const [downloading, setDownloading] = useState(false);

  if (details.isPending) return <LoadingState label="Loading the invoice…" />;
  if (details.isError) return <ErrorState error={details.error} onRetry={() => details.refetch()} />;
  if (!details.data)
    return <EmptyState title="Invoice not found" action={<Link to="/invoices">Back to invoices</Link>} />;
  const {
    invoice: inv,
    amountDue,
    paymentStatus,
    allocations,
    creditedInvoice,
    creditNotes,
    creditedQuantities,
  } = details.data;
  const kind = KIND_LABELS[inv.kind];
  const posted = inv.status === 'posted';
  const canWrite = can(role, 'invoices.write');
  const owes = big(amountDue).gt(0);
  const title = inv.number ? `${kind} ${inv.number}` : `Draft ${kind.toLowerCase()}`;

  async function downloadPdf() {
    setDownloading(true);
    try {
      window.location.assign(await invoicePdfUrl(supabase, inv.pdf_path!, `${inv.number ?? 'invoice'}.pdf`));
    } catch (error) {
      toast.error(`Could not download the PDF: ${errorMessage(error)}`);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <div className="grid gap-4">
      <Link to="/invoices" className="inline-flex items-center gap-1 text-sm text-muted hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden="true" /> Invoices
      </Link>
      <PageHeader
        title={title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge>{DOCUMENT_STATUS_LABELS[inv.status]}</Badge>
            {posted && <PaymentStatusBadge status={paymentStatus} />}
            {inv.account && (
              <Link to={`/accounts/${inv.account.id}`} className="text-sm hover:underline">
                {inv.account.name}
              </Link>
            )}
          </span>
        }
        actions={
          <>
            {inv.pdf_path && (
              <Button size="sm" variant="secondary" onClick={() => void downloadPdf()} busy={downloading}>
                <FileDown className="size-4" aria-hidden="true" /> Download PDF
              </Button>
            )}
            {canWrite && inv.status === 'draft' && (
              <Button size="sm" onClick={() => setPosting(true)}>
                <Send className="size-4" aria-hidden="true" /> Post
              </Button>
            )}
            {canWrite && posted && inv.kind === 'invoice' && (
              <Button size="sm" variant="secondary" onClick={() => setCrediting(true)}>
                <FileMinus className="size-4" aria-hidden="true" /> Issue credit note
              </Button>
            )}
            {can(role, 'payments.write') && posted && inv.kind === 'invoice' && owes && (
              <Button size="sm" onClick={() => setPaying(true)}>
                <Banknote className="size-4" aria-hidden="true" /> Record payment
              </Button>
            )}
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="grid content-start gap-4">
          <Card title="Lines" flush>
            <InvoiceLinesTable invoice={inv} amountDue={amountDue} />
          </Card>
          {canSeePayments && posted && (
            <InvoiceAllocationsCard kind={inv.kind} currency={inv.currency} allocations={allocations} />
          )}
        </div>
        <div className="grid content-start gap-4">
          <Card title="Details">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-muted">Customer</dt>
              <dd className="m-0">{inv.account?.name ?? '—'}</dd>
              {inv.sales_order && (
                <>
                  <dt className="text-muted">Sales order</dt>
                  <dd className="m-0">
                    <Link to={`/sales-orders/${inv.sales_order.id}`} className="hover:underline">
                      {inv.sales_order.number ?? 'Draft order'}
                    </Link>
                  </dd>
                </>
              )}
              <dt className="text-muted">Date</dt>
              <dd className="m-0">{formatDate(inv.invoice_date)}</dd>
              {inv.kind === 'invoice' && (
                <>
                  <dt className="text-muted">Due</dt>
                  <dd className="m-0">{inv.due_date ? formatDate(inv.due_date) : 'From the payment terms'}</dd>
                </>
              )}
              <dt className="text-muted">Currency</dt>
              <dd className="m-0">{inv.currency}</dd>
              {inv.currency !== org.base_currency && (
                <>
                  <dt className="text-muted">Exchange rate</dt>
                  <dd className="m-0 tabular-nums">
                    {posted ? `1 ${inv.currency} = ${inv.exchange_rate} ${org.base_currency}` : 'Fixed when posted'}
                  </dd>
                </>
              )}
              <dt className="text-muted">Amount due</dt>
              <dd className="m-0 font-semibold tabular-nums">{formatMoney(amountDue, inv.currency)}</dd>
              {inv.posted_at && (
                <>
                  <dt className="text-muted">Posted</dt>
                  <dd className="m-0">{formatDateTime(inv.posted_at)}</dd>
                </>
              )}
              {inv.sent_at && (
                <>
                  <dt className="text-muted">E-mailed</dt>
                  <dd className="m-0">{formatDateTime(inv.sent_at)}</dd>
                </>
              )}
              {creditedInvoice && (
                <>
                  <dt className="text-muted">Credits</dt>
                  <dd className="m-0">
                    <DocLink doc={creditedInvoice} />
                  </dd>
                </>
              )}
              {creditNotes.length > 0 && (
                <>
                  <dt className="text-muted">Credit notes</dt>
                  <dd className="m-0 grid gap-1">
                    {creditNotes.map((c) => (
                      <span key={c.id}>
                        <DocLink doc={c} />{' '}
                        <span className="text-muted">
                          {formatDate(c.invoice_date)} · {formatMoney(c.total, inv.currency)}
                        </span>
                      </span>
                    ))}
                  </dd>
                </>
              )}
            </dl>
            {inv.notes && <p className="mt-3 mb-0 text-sm whitespace-pre-wrap">{inv.notes}</p>}
          </Card>
        </div>
      </div>
      <ConfirmDialog
        open={posting}
        onOpenChange={setPosting}
        title={`Post this ${kind.toLowerCase()}?`}
        description="It gets its number and its journal entry, and can no longer change."
        confirmLabel="Post"
        tone="primary"
        onConfirm={async () => {
          const done = await post.mutateAsync(inv.id);
          toast.success(`${kind} ${done.number ?? ''} posted`);
        }}
      />
      {crediting && (
        <CreditNoteDialog
          invoice={inv}
          creditedQuantities={creditedQuantities}
          open={crediting}
          onOpenChange={setCrediting}
        />
      )}
      {paying && (
        <RecordInvoicePaymentDialog invoice={inv} amountDue={amountDue} open={paying} onOpenChange={setPaying} />
      )}
    </div>
  );
}
