// create-invoice: makes and posts an invoice, stores its PDF and e-mails it (issue 9).
// - The data part is one transaction in the database, run AS THE CALLER so roles, RLS
//   and the audit log's actor are right: create_invoice() (through create_invoice_request(),
//   which also says whether this call made the invoice) numbers it and posts its journal
//   entry, once per idempotency key.
// - The PDF is rendered once, from the database's own figures (numeric columns read as
//   text), uploaded without overwriting to invoices/<org_id>/<number>.pdf and recorded by
//   attach_invoice_pdf(), which keeps the first path. A retry after a crash between the
//   steps finds the stored file ("already exists") and only records it.
// - With send (the default) and a customer e-mail, send_invoice_email() queues one outbox
//   message per invoice with the PDF attached; send-emails delivers it.
// - { project_id, up_to? } instead of an order or lines invoices a project's approved
//   billable time and expenses (create_project_invoice() through
//   create_project_invoice_request()); the PDF and e-mail steps are the same.
// Answers 201 when this call made the invoice, 200 for a repeat of the same key.
import { z } from 'npm:zod@4.6.7';
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2.119.1';
import { bearerClaims, errorResponse, json, preflight, statusForDbError } from '../_shared/http.ts';
import { callerClient } from '../_shared/supabase.ts';
import { type InvoiceDoc, renderInvoicePdf } from './pdf.ts';

const BUCKET = 'invoices';
const isoDate = z.iso.date();

const Line = z.object({
  product_id: z.uuid().optional(),
  description: z.string().trim().min(1).max(500),
  quantity: z.number().gt(0).lt(1e14),
  unit_price: z.number().min(0).lt(1e14),
  discount_pct: z.number().min(0).max(100).optional(),
  tax_rate: z.number().min(0).max(100).optional(),
});

const CreateInvoiceBody = z
  .object({
    org_id: z.uuid(),
    idempotency_key: z.string().min(8).max(200),
    sales_order_id: z.uuid().optional(),
    only_delivered: z.boolean().optional(),
    project_id: z.uuid().optional(),
    up_to: isoDate.optional(),
    account_id: z.uuid().optional(),
    lines: z.array(Line).min(1).max(500).optional(),
    invoice_date: isoDate.optional(),
    due_date: isoDate.optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'Three upper-case letters (ISO 4217)')
      .optional(),
    notes: z.string().max(5000).optional(),
    send: z.boolean().default(true),
  })
  .strict()
  .superRefine((b, ctx) => {
    const standAlone = b.account_id !== undefined || b.lines !== undefined;
    if (b.project_id !== undefined) {
      if (b.sales_order_id !== undefined || standAlone) {
        const message = 'Invoice either a project, a sales order, or the given account and lines';
        ctx.addIssue({ code: 'custom', path: ['project_id'], message });
      }
      if (b.only_delivered !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['only_delivered'], message: 'Only for invoices of a sales order' });
      }
      if (b.currency !== undefined) {
        const message = "A project is invoiced in the project's currency";
        ctx.addIssue({ code: 'custom', path: ['currency'], message });
      }
    } else {
      if (b.up_to !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['up_to'], message: 'Only for invoices of a project' });
      }
      if (b.sales_order_id !== undefined && standAlone) {
        const message = 'Invoice either a sales order or the given account and lines, not both';
        ctx.addIssue({ code: 'custom', path: ['sales_order_id'], message });
      } else if (b.sales_order_id === undefined && !standAlone) {
        const message = 'Give a sales order, a project, or an account and lines';
        ctx.addIssue({ code: 'custom', path: ['sales_order_id'], message });
      } else if (standAlone) {
        if (b.account_id === undefined)
          ctx.addIssue({ code: 'custom', path: ['account_id'], message: 'Required with lines' });
        if (b.lines === undefined)
          ctx.addIssue({ code: 'custom', path: ['lines'], message: 'Required with account_id' });
        if (b.only_delivered !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['only_delivered'], message: 'Only for invoices of a sales order' });
        }
      }
    }
    if (b.invoice_date && b.due_date && b.due_date < b.invoice_date) {
      ctx.addIssue({ code: 'custom', path: ['due_date'], message: 'On or after the invoice date' });
    }
  });
type CreateInvoiceBody = z.infer<typeof CreateInvoiceBody>;

interface InvoiceRow {
  id: string;
  org_id: string;
  number: string | null;
  status: string;
  pdf_path: string | null;
  sent_at: string | null;
  [column: string]: unknown;
}

type DbError = { code?: string; message: string };
const dbError = (e: DbError) => errorResponse(statusForDbError(e.code), e.code ?? 'db_error', e.message);

function must<T>(r: { data: T | null; error: DbError | null }): T {
  if (r.error) throw r.error;
  if (r.data === null) throw { code: 'P0002', message: 'Not found' } satisfies DbError;
  return r.data;
}

/** What the PDF shows, read as the caller with every amount as the database's decimal text. */
async function loadDocument(db: SupabaseClient, invoiceId: string): Promise<InvoiceDoc & { orgId: string }> {
  const inv = must(
    await db
      .from('invoices')
      .select(
        'org_id, account_id, sales_order_id, number, invoice_date, due_date, currency, notes, posted_at, subtotal::text, tax_total::text, total::text',
      )
      .eq('id', invoiceId)
      .single(),
  ) as Record<string, string | null>;
  const [org, customer, lines, address, order] = await Promise.all([
    db.from('organizations').select('name').eq('id', inv.org_id!).single(),
    db.from('accounts').select('name, email').eq('id', inv.account_id!).single(),
    db
      .from('invoice_lines')
      .select('description, quantity::text, unit_price::text, discount_pct::text, tax_rate::text, net_amount::text')
      .eq('invoice_id', invoiceId)
      .order('position')
      .order('id'),
    db
      .from('addresses')
      .select('line1, line2, city, region, postal_code, country')
      .eq('account_id', inv.account_id!)
      .eq('kind', 'billing')
      .order('is_default', { ascending: false })
      .limit(1),
    inv.sales_order_id
      ? db.from('sales_orders').select('number').eq('id', inv.sales_order_id).single()
      : Promise.resolve({ data: { number: null }, error: null }),
  ]);
  const a = (address.data?.[0] ?? null) as Record<string, string | null> | null;
  const cityLine = a ? [a.postal_code, a.city, a.region].filter(Boolean).join(' ') : '';
  return {
    orgId: inv.org_id!,
    orgName: must(org).name as string,
    number: inv.number!,
    invoiceDate: inv.invoice_date!,
    dueDate: inv.due_date,
    currency: inv.currency!,
    customerName: must(customer).name as string,
    customerEmail: (customer.data?.email as string | null) ?? null,
    billingAddress: a ? [a.line1, a.line2, cityLine, a.country].filter((s): s is string => !!s) : [],
    salesOrderNumber: (must(order).number as string | null) ?? null,
    notes: inv.notes,
    subtotal: inv.subtotal!,
    taxTotal: inv.tax_total!,
    total: inv.total!,
    postedAt: inv.posted_at!,
    lines: must(lines) as unknown as InvoiceDoc['lines'],
  };
}

/** Where a call spent its time, per step (sent as a Server-Timing header). */
class Timing {
  private readonly steps: [string, number][] = [];
  async step<T>(name: string, work: () => PromiseLike<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.steps.push([name, performance.now() - started]);
    }
  }
  header(): string {
    return this.steps.map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`).join(', ');
  }
}

/** Renders and stores the PDF unless the invoice has one, and records its path. */
async function attachPdf(db: SupabaseClient, invoiceId: string, timing: Timing): Promise<InvoiceRow | Response> {
  const doc = await timing.step('read', () => loadDocument(db, invoiceId));
  const path = `${doc.orgId}/${doc.number}.pdf`;
  const bytes = await timing.step('render', () => renderInvoicePdf(doc));
  const { error: uploadError } = await timing.step('upload', () =>
    db.storage
      .from(BUCKET)
      .upload(path, bytes, { contentType: 'application/pdf', upsert: false, cacheControl: '31536000' }),
  );
  // Already stored by an earlier attempt or a concurrent repeat: that file is the document.
  if (uploadError && (uploadError as { statusCode?: string }).statusCode !== '409') {
    return errorResponse(502, 'storage_error', `Could not store the PDF of ${doc.number}: ${uploadError.message}`);
  }
  const { data, error } = await timing.step('attach', () =>
    db.rpc('attach_invoice_pdf', { p_invoice_id: invoiceId, p_path: path }).single<InvoiceRow>(),
  );
  if (error) return dbError(error);
  return data;
}

Deno.serve(async (req) => {
  const early = preflight(req);
  if (early) return early;
  if (req.method !== 'POST') return errorResponse(405, 'method_not_allowed', 'Use POST');
  const claims = bearerClaims(req);
  if (!claims?.sub) return errorResponse(401, 'not_signed_in', 'Sign in to create invoices');

  let body: CreateInvoiceBody;
  try {
    const parsed = CreateInvoiceBody.safeParse(await req.json());
    if (!parsed.success) {
      const { formErrors, fieldErrors } = z.flattenError(parsed.error);
      const message = ['The invoice request is not valid', ...formErrors].join(': ');
      return errorResponse(400, 'invalid_request', message, fieldErrors);
    }
    body = parsed.data;
  } catch {
    return errorResponse(400, 'invalid_json', 'The request body must be JSON');
  }

  const db = callerClient(req);
  const timing = new Timing();
  const { data: made, error } = await timing.step('invoice', () =>
    body.project_id !== undefined
      ? db
          .rpc('create_project_invoice_request', {
            p_org_id: body.org_id,
            p_idempotency_key: body.idempotency_key,
            p_project_id: body.project_id,
            p_up_to: body.up_to ?? null,
            p_invoice_date: body.invoice_date ?? null,
            p_due_date: body.due_date ?? null,
            p_notes: body.notes ?? null,
          })
          .single<{ invoice_id: string; created: boolean }>()
      : db
          .rpc('create_invoice_request', {
            p_org_id: body.org_id,
            p_idempotency_key: body.idempotency_key,
            p_sales_order_id: body.sales_order_id ?? null,
            p_account_id: body.account_id ?? null,
            p_lines: body.lines ?? null,
            p_only_delivered: body.only_delivered ?? false,
            p_invoice_date: body.invoice_date ?? null,
            p_due_date: body.due_date ?? null,
            p_currency: body.currency ?? null,
            p_notes: body.notes ?? null,
          })
          .single<{ invoice_id: string; created: boolean }>(),
  );
  if (error) return dbError(error);

  try {
    // A new invoice has no PDF and was not sent; a repeat may have both already.
    let invoice: InvoiceRow | null = made.created
      ? null
      : must(await db.from('invoices').select('*').eq('id', made.invoice_id).single<InvoiceRow>());
    if (invoice === null || invoice.pdf_path === null) {
      const attached = await attachPdf(db, made.invoice_id, timing);
      if (attached instanceof Response) return attached;
      invoice = attached;
    }
    if (body.send && invoice.sent_at === null) {
      const sent = await timing.step('email', () =>
        db.rpc('send_invoice_email', { p_invoice_id: made.invoice_id }).single<InvoiceRow>(),
      );
      if (sent.error) return dbError(sent.error);
      invoice = sent.data;
    }
    const res = json(made.created ? 201 : 200, {
      invoice,
      pdf_path: invoice.pdf_path,
      emailed: invoice.sent_at !== null,
    });
    res.headers.set('Server-Timing', timing.header());
    return res;
  } catch (e) {
    if (e && typeof e === 'object' && 'message' in e && !(e instanceof Error)) return dbError(e as DbError);
    throw e;
  }
});
