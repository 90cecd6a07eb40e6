// send-emails: the e-mail outbox worker. Woken by a database webhook when mail is
// queued (net.http_post) and by a pg_cron schedule for retries; claims due messages,
// sends them through the configured provider and records each outcome.
// Provider: SMTP_URL (smtp://user:pass@host:port; locally the stack's mail catcher).
import nodemailer from 'npm:nodemailer@7.0.10';
import { bearerClaims, errorResponse, json, preflight } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';

interface OutboxEmail {
  id: string;
  org_id: string;
  to_email: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: { bucket: string; path: string; filename?: string }[];
}

Deno.serve(async (req) => {
  const early = preflight(req);
  if (early) return early;
  // Only the service role (database webhook, cron) runs the worker.
  if (bearerClaims(req)?.role !== 'service_role') {
    return errorResponse(403, 'forbidden', 'Only the service role can run the e-mail worker');
  }
  const smtpUrl = Deno.env.get('SMTP_URL');
  if (!smtpUrl) return errorResponse(500, 'not_configured', 'SMTP_URL is not set');
  const from = Deno.env.get('MAIL_FROM') ?? 'Ledgerline <no-reply@ledgerline.test>';
  const transport = nodemailer.createTransport(smtpUrl);
  const db = serviceClient();
  const { data, error } = await db.rpc('claim_outbox_emails', { p_limit: 20 });
  if (error) return errorResponse(500, error.code ?? 'db_error', error.message);

  let sent = 0;
  let failed = 0;
  for (const mail of (data ?? []) as OutboxEmail[]) {
    try {
      const attachments = [];
      for (const a of mail.attachments ?? []) {
        const { data: blob, error: dlError } = await db.storage.from(a.bucket).download(a.path);
        if (dlError) throw new Error(`attachment ${a.bucket}/${a.path}: ${dlError.message}`);
        attachments.push({
          filename: a.filename ?? a.path.split('/').pop(),
          content: new Uint8Array(await blob.arrayBuffer()),
          contentType: blob.type || undefined,
        });
      }
      const info = await transport.sendMail({
        from,
        to: mail.to_email,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body ?? undefined,
        attachments,
      });
      await db.rpc('complete_outbox_email', { p_id: mail.id, p_ok: true, p_provider_message_id: info.messageId });
      sent++;
    } catch (e) {
      await db.rpc('complete_outbox_email', { p_id: mail.id, p_ok: false, p_error: String((e as Error).message ?? e) });
      failed++;
    }
  }
  return json(200, { sent, failed });
});
