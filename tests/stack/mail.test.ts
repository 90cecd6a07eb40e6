// The mail catcher on its own (no stack): SMTP in, Mailpit's JSON API and the web
// page out.
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../stack/config.ts';
import { startMailCatcher, type MailCatcher } from '../../stack/mail/index.ts';
import { freePort } from '../helpers/ports.ts';

let catcher: MailCatcher;
let smtpPort: number;

beforeAll(async () => {
  smtpPort = await freePort();
  catcher = await startMailCatcher(loadConfig({ mailPort: await freePort(), smtpPort }));
});
afterAll(async () => {
  await catcher?.stop();
});

async function send(message: SendMailOptions): Promise<void> {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
  await t.sendMail({ from: 'Ledgerline <noreply@ledgerline.test>', ...message });
  t.close();
}

const api = async (path: string, init?: RequestInit) => {
  const res = await fetch(`${catcher.url}${path}`, init);
  return {
    status: res.status,
    body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text(),
  };
};

describe('mail catcher', () => {
  it('lists received messages newest first in Mailpit’s shape', async () => {
    await api('/api/v1/messages', { method: 'DELETE' });
    await send({ to: 'first@example.com', subject: 'First', text: 'one' });
    await send({ to: 'Second Person <second@example.com>', cc: 'copy@example.com', subject: 'Second', text: 'two' });
    const { status, body } = await api('/api/v1/messages');
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 2, count: 2, start: 0 });
    expect(body.messages.map((m: { Subject: string }) => m.Subject)).toEqual(['Second', 'First']);
    expect(body.messages[0]).toMatchObject({
      From: { Name: 'Ledgerline', Address: 'noreply@ledgerline.test' },
      To: [{ Name: 'Second Person', Address: 'second@example.com' }],
      Cc: [{ Name: '', Address: 'copy@example.com' }],
      Snippet: 'two',
      Read: false,
    });
    expect(body.messages[0].ID).toEqual(expect.any(String));
    expect(body.messages[0].Size).toBeGreaterThan(0);
    expect(Date.parse(body.messages[0].Created)).not.toBeNaN();
  });

  it('returns a full message with its text, HTML and links', async () => {
    await send({
      to: 'links@example.com',
      subject: 'Confirm',
      html: '<p><a href="http://127.0.0.1:54321/auth/v1/verify?token=abc&amp;type=signup&amp;redirect_to=http://127.0.0.1:5173">Confirm</a></p><p>Or https://example.com/plain</p>',
      text: 'Confirm: http://127.0.0.1:54321/auth/v1/verify?token=abc&type=signup&redirect_to=http://127.0.0.1:5173',
    });
    const list = await api(`/api/v1/search?query=${encodeURIComponent('to:links@example.com')}`);
    expect(list.body.messages).toHaveLength(1);
    const { body } = await api(`/api/v1/message/${list.body.messages[0].ID}`);
    expect(body).toMatchObject({
      Subject: 'Confirm',
      To: [{ Name: '', Address: 'links@example.com' }],
      Text: 'Confirm: http://127.0.0.1:54321/auth/v1/verify?token=abc&type=signup&redirect_to=http://127.0.0.1:5173',
      Links: [
        'http://127.0.0.1:54321/auth/v1/verify?token=abc&type=signup&redirect_to=http://127.0.0.1:5173',
        'https://example.com/plain',
      ],
    });
    expect(body.HTML).toContain('<a href=');
    const latest = await api('/api/v1/message/latest');
    expect(latest.body.ID).toBe(list.body.messages[0].ID);
    expect((await api('/api/v1/message/nope')).status).toBe(404);
  });

  it('searches by recipient, sender, subject and free text', async () => {
    await api('/api/v1/messages', { method: 'DELETE' });
    await send({ to: 'alice@example.com', subject: 'Invoice INV-1', text: 'amount due' });
    await send({ to: 'bob@example.com', subject: 'Welcome', text: 'hello bob' });
    const subjects = async (q: string) =>
      (await api(`/api/v1/search?query=${encodeURIComponent(q)}`)).body.messages.map(
        (m: { Subject: string }) => m.Subject,
      );
    expect(await subjects('to:alice@example.com')).toEqual(['Invoice INV-1']);
    expect(await subjects('to:carol@example.com')).toEqual([]);
    expect(await subjects('subject:welcome')).toEqual(['Welcome']);
    expect(await subjects('"amount due"')).toEqual(['Invoice INV-1']);
    expect(await subjects('from:noreply@ledgerline.test -to:bob@example.com')).toEqual(['Invoice INV-1']);
  });

  it('deletes all messages or chosen ones', async () => {
    await send({ to: 'x@example.com', subject: 'keep' });
    await send({ to: 'y@example.com', subject: 'drop' });
    const all = (await api('/api/v1/messages')).body.messages as { ID: string; Subject: string }[];
    const drop = all.find((m) => m.Subject === 'drop')!;
    await api('/api/v1/messages', { method: 'DELETE', body: JSON.stringify({ IDs: [drop.ID] }) });
    const after = (await api('/api/v1/messages')).body.messages as { Subject: string }[];
    expect(after.map((m) => m.Subject)).not.toContain('drop');
    expect(after.map((m) => m.Subject)).toContain('keep');
    expect((await api('/api/v1/messages', { method: 'DELETE' })).status).toBe(200);
    expect((await api('/api/v1/messages')).body).toMatchObject({ total: 0, messages: [] });
  });

  it('serves a page listing the messages and their links, without external assets', async () => {
    await send({ to: 'page@example.com', subject: 'Page <test>', html: '<a href="http://127.0.0.1:5173/#x">go</a>' });
    const { status, body } = await api('/');
    expect(status).toBe(200);
    expect(body).toContain('Page &lt;test&gt;');
    expect(body).toContain('href="http://127.0.0.1:5173/#x"');
    expect(body).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
    const id = catcher.messages()[0]!.ID;
    const view = await api(`/view/${id}`);
    expect(view.body).toContain('http://127.0.0.1:5173/#x');
  });
});
