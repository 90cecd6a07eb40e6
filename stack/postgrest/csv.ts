// text/csv in and out as PostgREST does: a header row of column names; on input the
// unquoted literal NULL is a null, on output nulls are empty fields.

function field(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: Record<string, unknown>[]): string {
  if (!rows.length) return '';
  const keys = Object.keys(rows[0]!);
  const lines = [keys.map(field).join(',')];
  for (const r of rows) lines.push(keys.map((k) => field(r[k])).join(','));
  return lines.join('\n');
}

/** Parses RFC 4180 CSV with a header row into objects. */
export function parseCsv(text: string): Record<string, string | null>[] {
  const records: { value: string; quoted: boolean }[][] = [];
  let row: { value: string; quoted: boolean }[] = [];
  let cur = '';
  let quoted = false;
  let inQuotes = false;
  let i = 0;
  const endField = () => {
    row.push({ value: cur, quoted });
    cur = '';
    quoted = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        cur += '"';
        i += 2;
        continue;
      }
      if (c === '"') inQuotes = false;
      else cur += c;
      i++;
      continue;
    }
    if (c === '"' && cur === '') {
      inQuotes = true;
      quoted = true;
    } else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      records.push(row);
      row = [];
    } else cur += c;
    i++;
  }
  if (cur !== '' || quoted || row.length) {
    endField();
    records.push(row);
  }
  const nonEmpty = records.filter((r) => !(r.length === 1 && r[0]!.value === '' && !r[0]!.quoted));
  const [header, ...rest] = nonEmpty;
  if (!header) return [];
  const keys = header.map((h) => h.value);
  return rest.map((r) => {
    const o: Record<string, string | null> = {};
    keys.forEach((k, j) => {
      const f = r[j];
      o[k] = !f || (!f.quoted && f.value === 'NULL') ? null : f.value;
    });
    return o;
  });
}
