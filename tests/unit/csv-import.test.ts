// The import wizard's logic: guessing the column mapping from headers, mapping rows, and
// reporting row errors (1-based data rows) from the list's row schema.
import { describe, expect, it } from 'vitest';
import { guessMapping, mapRows, validateRows } from '@/components/csv-import-dialog.tsx';
import { parseCsv } from '@/lib/csv.ts';
import { ACCOUNT_IMPORT_FIELDS, accountImportRow } from '@/features/accounts/schemas/account.ts';

describe('csv import', () => {
  it('guesses columns by name, label or alias, and leaves the rest unmapped', () => {
    expect(guessMapping(['Company Name', 'E-Mail', 'Tel', 'VAT ID', 'Shoe size'], ACCOUNT_IMPORT_FIELDS)).toEqual({
      name: 'Company Name',
      kind: null,
      email: 'E-Mail',
      website: null,
      phone: 'Tel',
      tax_id: 'VAT ID',
      currency: null,
      payment_terms_days: null,
      credit_limit: null,
      tags: null,
      notes: null,
    });
  });

  it('maps rows through the chosen columns and reports every bad row with its field', () => {
    const parsed = parseCsv('Name,Mail,Limit\nAcme,a@acme.example,100\n,b@b.example,\nBeta,not-mail,12.345\nGamma,,\n');
    const rows = mapRows(parsed, { name: 'Name', email: 'Mail', credit_limit: 'Limit' });
    expect(rows[0]).toEqual({ name: 'Acme', email: 'a@acme.example', credit_limit: '100' });
    expect(validateRows(rows, accountImportRow)).toEqual([
      { row: 2, field: 'name', message: 'Name is required' },
      { row: 3, field: 'email', message: 'Not a valid e-mail address' },
      { row: 3, field: 'credit_limit', message: 'An amount like 2500 or 2500.50' },
    ]);
  });
});
