// The mail catcher: plays Mailpit's role in the CLI stack. An SMTP listener keeps
// every message in memory (bounded); a web page and Mailpit's JSON API (the subset
// tests and developers use) list them, plus a `Links` array so a test can follow a
// confirmation or recovery link without parsing HTML itself.
import http from 'node:http';
import type net from 'node:net';
import crypto from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { StackConfig } from '../config.ts';
import { readBody, sendJson, queryOf } from '../http.ts';

/** Messages kept; older ones are dropped first (Mailpit's default max is 500). */
const MAX_MESSAGES = 1000;
/** Per-message size limit for the SMTP listener. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export interface MailAddress {
  Name: string;
  Address: string;
}

export interface StoredMessage {
  ID: string;
  MessageID: string;
  From: MailAddress;
  To: MailAddress[];
  Cc: MailAddress[];
  Bcc: MailAddress[];
  ReplyTo: MailAddress[];
  Subject: string;
  Created: string;
  Date: string;
  Size: number;
  Snippet: string;
  Text: string;
  HTML: string;
  Links: string[];
  Read: boolean;
  Attachments: { FileName: string; ContentType: string; Size: number }[];
}

function addresses(a: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!a) return [];
  const list = Array.isArray(a) ? a : [a];
  return list.flatMap((o) => o.value.map((v) => ({ Name: v.name ?? '', Address: v.address ?? '' })));
}

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)));
}

/** Every http(s) URL in the message: href targets first (in order), then bare URLs in the text. */
export function extractLinks(html: string, text: string): string[] {
  const out: string[] = [];
  const add = (u: string) => {
    const url = decodeEntities(u.trim());
    if (/^https?:\/\//i.test(url) && !out.includes(url)) out.push(url);
  };
  for (const m of html.matchAll(/href\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) add(m[1] ?? m[2] ?? '');
  for (const m of `${text}\n${html.replace(/<[^>]*>/g, ' ')}`.matchAll(/https?:\/\/[^\s<>"')]+/gi)) add(m[0]);
  return out;
}

function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|h\d|div|li|tr)>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim();
}

function toStored(parsed: ParsedMail, raw: Buffer, envelopeTo: string[]): StoredMessage {
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  const text = parsed.text ?? (html ? htmlToText(html) : '');
  const from = addresses(parsed.from)[0] ?? { Name: '', Address: '' };
  let to = addresses(parsed.to);
  if (to.length === 0) to = envelopeTo.map((a) => ({ Name: '', Address: a }));
  const now = new Date().toISOString();
  return {
    // Mailpit IDs are opaque random strings; clients only echo them back.
    ID: crypto.randomBytes(11).toString('base64url'),
    MessageID: (parsed.messageId ?? '').replace(/^<|>$/g, ''),
    From: from,
    To: to,
    Cc: addresses(parsed.cc),
    Bcc: addresses(parsed.bcc),
    ReplyTo: addresses(parsed.replyTo),
    Subject: parsed.subject ?? '',
    Created: now,
    Date: parsed.date ? parsed.date.toISOString() : now,
    Size: raw.length,
    Snippet: (text || htmlToText(html)).replace(/\s+/g, ' ').trim().slice(0, 250),
    Text: text,
    HTML: html,
    Links: extractLinks(html, text),
    Read: false,
    Attachments: parsed.attachments.map((a) => ({
      FileName: a.filename ?? '',
      ContentType: a.contentType,
      Size: a.size,
    })),
  };
}

function summary(m: StoredMessage) {
  return {
    ID: m.ID,
    MessageID: m.MessageID,
    Read: m.Read,
    From: m.From,
    To: m.To,
    Cc: m.Cc,
    Bcc: m.Bcc,
    ReplyTo: m.ReplyTo,
    Subject: m.Subject,
    Created: m.Created,
    Tags: [] as string[],
    Size: m.Size,
    Attachments: m.Attachments.length,
    Snippet: m.Snippet,
  };
}

/** Splits a Mailpit search query into terms, keeping "quoted phrases" together. */
function searchTerms(query: string): string[] {
  const out: string[] = [];
  for (const m of query.matchAll(/(-?[a-z]+:)?"([^"]*)"|(\S+)/gi)) {
    if (m[2] !== undefined) out.push(`${m[1] ?? ''}${m[2]}`);
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}

/** Mailpit's search filters: to:, from:, subject:, cc:, message-id:, is:read/unread, free text; "-" negates. */
export function matchesQuery(m: StoredMessage, query: string): boolean {
  const addr = (list: MailAddress[]) => list.map((a) => `${a.Name} <${a.Address}>`.toLowerCase()).join(' ');
  for (const raw of searchTerms(query)) {
    const negate = raw.startsWith('-') && raw.length > 1;
    const term = (negate ? raw.slice(1) : raw).toLowerCase();
    const colon = term.indexOf(':');
    const key = colon > 0 ? term.slice(0, colon) : '';
    const value = colon > 0 ? term.slice(colon + 1) : term;
    let hit: boolean;
    switch (key) {
      case 'to':
        hit = addr(m.To).includes(value);
        break;
      case 'from':
        hit = addr([m.From]).includes(value);
        break;
      case 'cc':
        hit = addr(m.Cc).includes(value);
        break;
      case 'subject':
        hit = m.Subject.toLowerCase().includes(value);
        break;
      case 'message-id':
        hit = m.MessageID.toLowerCase() === value;
        break;
      case 'is':
        hit = value === 'read' ? m.Read : value === 'unread' ? !m.Read : false;
        break;
      default:
        hit = [m.Subject, m.Text, m.HTML, addr([m.From]), addr(m.To), addr(m.Cc)].some((s) =>
          s.toLowerCase().includes(term),
        );
    }
    if (hit === negate) return false;
  }
  return true;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const PAGE_STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2933}
table{border-collapse:collapse;width:100%}td,th{padding:.4rem .6rem;border-bottom:1px solid #e4e7eb;text-align:left}
a{color:#0b69a3}pre{white-space:pre-wrap;background:#f5f7fa;padding:1rem}iframe{width:100%;height:480px;border:1px solid #e4e7eb}`;

function listPage(messages: StoredMessage[]): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td>${escapeHtml(new Date(m.Created).toLocaleString())}</td><td>${escapeHtml(m.To.map((a) => a.Address).join(', '))}</td>` +
        `<td><a href="/view/${encodeURIComponent(m.ID)}">${escapeHtml(m.Subject || '(no subject)')}</a></td>` +
        `<td>${m.Links.map((l) => `<a href="${escapeHtml(l)}">link</a>`).join(' ')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Mail catcher</title><style>${PAGE_STYLE}</style></head>
<body><h1>Mail catcher</h1><p>${messages.length} message(s). JSON API: <a href="/api/v1/messages">/api/v1/messages</a>.</p>
<table><thead><tr><th>Received</th><th>To</th><th>Subject</th><th>Links</th></tr></thead><tbody>
${rows || '<tr><td colspan="4">No messages yet.</td></tr>'}
</tbody></table></body></html>`;
}

function messagePage(m: StoredMessage): string {
  const links = m.Links.map((l) => `<li><a href="${escapeHtml(l)}">${escapeHtml(l)}</a></li>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(m.Subject)}</title><style>${PAGE_STYLE}</style></head>
<body><p><a href="/">&larr; All messages</a></p><h1>${escapeHtml(m.Subject || '(no subject)')}</h1>
<p>From: ${escapeHtml(`${m.From.Name} <${m.From.Address}>`)}<br>To: ${escapeHtml(m.To.map((a) => a.Address).join(', '))}<br>Received: ${escapeHtml(m.Created)}</p>
<h2>Links</h2><ul>${links || '<li>none</li>'}</ul>
${m.HTML ? `<h2>HTML</h2><iframe sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" srcdoc="${escapeHtml(m.HTML)}"></iframe>` : ''}
<h2>Text</h2><pre>${escapeHtml(m.Text)}</pre></body></html>`;
}

export interface MailCatcher {
  stop(): Promise<void>;
  url: string;
  /** Newest first. */
  messages(): StoredMessage[];
}

export async function startMailCatcher(config: StackConfig): Promise<MailCatcher> {
  // Newest last in the array; API output reverses it.
  let store: StoredMessage[] = [];
  const add = (m: StoredMessage) => {
    store.push(m);
    if (store.length > MAX_MESSAGES) store = store.slice(store.length - MAX_MESSAGES);
  };

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    banner: 'Ledgerline local mail catcher',
    size: MAX_MESSAGE_BYTES,
    logger: false,
    // Stopping must not wait 30 s for an idle client to hang up.
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('Message exceeds fixed maximum message size'), { responseCode: 552 }));
          return;
        }
        simpleParser(raw)
          .then((parsed) => {
            add(
              toStored(
                parsed,
                raw,
                session.envelope.rcptTo.map((r) => r.address),
              ),
            );
            callback();
          })
          .catch((e: Error) => callback(e));
      });
    },
  });
  smtp.on('error', () => undefined);

  const sendList = (res: http.ServerResponse, all: StoredMessage[], q: URLSearchParams) => {
    const newestFirst = [...all].reverse();
    const start = Math.max(0, Number.parseInt(q.get('start') ?? '0', 10) || 0);
    const limit = Math.max(0, Number.parseInt(q.get('limit') ?? '50', 10) || 50);
    const page = newestFirst.slice(start, start + limit);
    sendJson(res, 200, {
      total: store.length,
      unread: store.filter((m) => !m.Read).length,
      count: page.length,
      messages_count: all.length,
      messages_unread: all.filter((m) => !m.Read).length,
      start,
      tags: [],
      messages: page.map(summary),
    });
  };

  const web = http.createServer((req, res) => {
    void (async () => {
      const url = req.url ?? '/';
      const pathname = decodeURIComponent(url.split('?')[0] ?? '/');
      const q = queryOf(req);
      const method = req.method ?? 'GET';
      res.setHeader('Access-Control-Allow-Origin', '*');
      if (method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, PUT, DELETE, OPTIONS',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'content-type',
        });
        res.end();
        return;
      }
      if (pathname === '/api/v1/messages' && method === 'GET') return sendList(res, store, q);
      if (pathname === '/api/v1/messages' && method === 'DELETE') {
        const body = await readBody(req, 1024 * 1024);
        let ids: string[] | undefined;
        if (body.length) {
          try {
            const parsed = JSON.parse(body.toString('utf8')) as { IDs?: unknown };
            if (Array.isArray(parsed.IDs)) ids = parsed.IDs.filter((x): x is string => typeof x === 'string');
          } catch {
            sendJson(res, 400, { Error: 'invalid JSON body' });
            return;
          }
        }
        store = ids && ids.length ? store.filter((m) => !ids!.includes(m.ID)) : [];
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
        return;
      }
      if (pathname === '/api/v1/search' && method === 'GET') {
        const query = q.get('query') ?? '';
        return sendList(
          res,
          store.filter((m) => matchesQuery(m, query)),
          q,
        );
      }
      if (pathname === '/api/v1/search' && method === 'DELETE') {
        const query = q.get('query') ?? '';
        store = store.filter((m) => !matchesQuery(m, query));
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
        return;
      }
      const one = /^\/api\/v1\/message\/([^/]+)$/.exec(pathname);
      if (one && method === 'GET') {
        const id = one[1]!;
        const m = id === 'latest' ? store[store.length - 1] : store.find((x) => x.ID === id);
        if (!m) {
          res.writeHead(404, { 'Content-Type': 'text/plain' });
          res.end('message not found');
          return;
        }
        m.Read = true;
        const { Snippet: _snippet, Created: _created, Read: _read, ...full } = m;
        sendJson(res, 200, { ...full, Created: m.Created, Tags: [], Inline: [], ReturnPath: m.From.Address });
        return;
      }
      const view = /^\/view\/([^/]+?)(?:\.html)?$/.exec(pathname);
      if (view && method === 'GET') {
        const m = store.find((x) => x.ID === view[1]);
        if (!m) {
          res.writeHead(404, { 'Content-Type': 'text/plain' });
          res.end('message not found');
          return;
        }
        m.Read = true;
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(messagePage(m));
        return;
      }
      if ((pathname === '/' || pathname === '/index.html') && method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(listPage([...store].reverse()));
        return;
      }
      if (pathname === '/livez' || pathname === '/readyz') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('404 page not found');
    })().catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { Error: String(e) });
      else res.destroy();
    });
  });
  web.keepAliveTimeout = 5_000;

  const listen = (server: net.Server, port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(smtp.server, config.smtpPort);
  try {
    await listen(web, config.mailPort);
  } catch (e) {
    await new Promise<void>((r) => smtp.close(() => r()));
    throw e;
  }

  return {
    url: `http://${config.host}:${config.mailPort}`,
    messages: () => [...store].reverse(),
    async stop() {
      await Promise.all([
        new Promise<void>((r) => smtp.close(() => r())),
        new Promise<void>((r) => {
          web.close(() => r());
          web.closeAllConnections();
        }),
      ]);
    },
  };
}
