/** Initials for an avatar: "Ada Lovelace" → "AL", "ada@example.com" → "A". */
export function initials(name: string | null | undefined, fallback = '?'): string {
  const words = (name ?? '')
    .split('@')[0]!
    .trim()
    .split(/[\s._-]+/)
    .filter(Boolean);
  if (words.length === 0) return fallback;
  const letters =
    words.length === 1 ? words[0]!.slice(0, 1) : `${words[0]!.slice(0, 1)}${words[words.length - 1]!.slice(0, 1)}`;
  return letters.toUpperCase();
}
