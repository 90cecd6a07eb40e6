// The stack's mail catcher (Mailpit's JSON API): wait for a message to an address and read its links.

interface Summary {
  ID: string;
  Subject: string;
  To: { Address: string }[];
  Created: string;
}

export interface Message extends Summary {
  Text: string;
  HTML: string;
  Links: string[];
}

/** The newest message to `address` whose subject matches, polling until it arrives (or `timeoutMs`). */
export async function waitForMail(
  mailUrl: string,
  address: string,
  subject: RegExp,
  timeoutMs = 30_000,
): Promise<Message> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${mailUrl}/api/v1/search?query=${encodeURIComponent(`to:${address}`)}`);
    const list = (await res.json()) as { messages: Summary[] };
    const match = list.messages
      .filter((m) => subject.test(m.Subject))
      .sort((a, b) => Date.parse(b.Created) - Date.parse(a.Created))[0];
    if (match) return (await (await fetch(`${mailUrl}/api/v1/message/${match.ID}`)).json()) as Message;
    if (Date.now() > deadline) {
      throw new Error(
        `No e-mail to ${address} matching ${subject} within ${timeoutMs} ms (have: ${list.messages.map((m) => m.Subject).join(' | ') || 'none'})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The first link of a message that matches `pattern`. */
export function linkIn(message: Message, pattern: RegExp): string {
  const link = message.Links.find((l) => pattern.test(l));
  if (!link) throw new Error(`No link matching ${pattern} in "${message.Subject}": ${message.Links.join(', ')}`);
  return link;
}
