// Reading the stack's mail catcher (Mailpit-style JSON API) from tests.
export interface CaughtMessage {
  ID: string;
  Subject: string;
  To: { Address: string }[];
  Text: string;
  HTML: string;
  Links: string[];
}

/** Every message to `address`, newest first, in full. */
export async function inbox(mailUrl: string, address: string): Promise<CaughtMessage[]> {
  const res = await fetch(`${mailUrl}/api/v1/search?query=${encodeURIComponent(`to:${address}`)}`);
  const list = (await res.json()) as { messages: { ID: string }[] };
  return Promise.all(
    list.messages.map(async (m) => (await fetch(`${mailUrl}/api/v1/message/${m.ID}`)).json() as Promise<CaughtMessage>),
  );
}

/** Waits until a message to `address` whose subject matches arrives (mail is delivered asynchronously). */
export async function waitForMail(mailUrl: string, address: string, subject: RegExp, timeoutMs = 20_000): Promise<CaughtMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await inbox(mailUrl, address)).find((m) => subject.test(m.Subject));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No e-mail to ${address} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
