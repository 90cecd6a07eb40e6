import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '@/lib/csv.ts';

describe('toCsv', () => {
  it('quotes commas, quotes and newlines and neutralises formulas', () => {
    const csv = toCsv(
      [
        { name: 'Acme, Inc.', note: 'says "hi"\nbye', amount: 12.5 },
        { name: '=HYPERLINK("x")', note: null, amount: 0 },
      ],
      [
        { header: 'Name', value: (r) => r.name },
        { header: 'Note', value: (r) => r.note },
        { header: 'Amount', value: (r) => r.amount },
      ],
    );
    expect(csv).toBe('Name,Note,Amount\r\n"Acme, Inc.","says ""hi""\nbye",12.5\r\n"\'=HYPERLINK(""x"")",,0');
  });
});

describe('parseCsv', () => {
  it('reads a header row, trims headers, skips blank lines and strips a BOM', () => {
    const parsed = parseCsv('\uFEFF Name ,Email\r\nAcme,a@acme.test\r\n\r\n"Globex, Ltd",g@globex.test\r\n');
    expect(parsed.headers).toEqual(['Name', 'Email']);
    expect(parsed.rows).toEqual([
      { Name: 'Acme', Email: 'a@acme.test' },
      { Name: 'Globex, Ltd', Email: 'g@globex.test' },
    ]);
    expect(parsed.errors).toEqual([]);
  });

  it('reports a row with too many fields by its data row number', () => {
    const parsed = parseCsv('Name,Email\nAcme,a@acme.test\nBad,b@x.test,extra\n');
    expect(parsed.errors).toEqual([{ row: 2, message: expect.stringContaining('Too many fields') }]);
  });
});
