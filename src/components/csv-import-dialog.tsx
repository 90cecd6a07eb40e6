// A CSV import wizard any list can use: choose a file, map its columns to fields
// (guessed from the headers), preview every row checked against the list's zod schema,
// then import through the server, which imports all rows or none and reports its own
// row errors. Nothing is half-imported: with any error the import button stays off.
import { useId, useMemo, useState } from 'react';
import type { z } from 'zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { Select } from '@/components/select.tsx';
import { parseCsv, type ParsedCsv } from '@/lib/csv.ts';
import { errorMessage } from '@/lib/errors.ts';

export interface ImportField {
  key: string;
  label: string;
  required?: boolean;
  /** Other header names that mean this field. */
  aliases?: string[];
}

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

export interface ImportResult {
  imported: number;
  errors: ImportRowError[];
}

interface CsvImportDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  /** "accounts", "contacts"… */
  noun: string;
  fields: ImportField[];
  /** Checks one mapped row (all values strings). */
  rowSchema: z.ZodType<unknown, Record<string, string>>;
  onImport(rows: Record<string, string>[]): Promise<ImportResult>;
}

const NOT_IMPORTED = '__skip__';
const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Guesses which header feeds each field (by key, label or alias). */
export function guessMapping(headers: string[], fields: ImportField[]): Record<string, string | null> {
  const mapping: Record<string, string | null> = {};
  for (const field of fields) {
    const names = [field.key, field.label, ...(field.aliases ?? [])].map(normalise);
    mapping[field.key] = headers.find((h) => names.includes(normalise(h))) ?? null;
  }
  return mapping;
}

/** The rows as field → value, using the mapping. */
export function mapRows(parsed: ParsedCsv, mapping: Record<string, string | null>): Record<string, string>[] {
  return parsed.rows.map((row) => {
    const out: Record<string, string> = {};
    for (const [field, header] of Object.entries(mapping)) if (header) out[field] = (row[header] ?? '').trim();
    return out;
  });
}

/** Every problem in the mapped rows (1-based row numbers, as in the file's data rows). */
export function validateRows(
  rows: Record<string, string>[],
  schema: z.ZodType<unknown, Record<string, string>>,
): ImportRowError[] {
  const errors: ImportRowError[] = [];
  rows.forEach((row, i) => {
    const result = schema.safeParse(row);
    if (!result.success) {
      for (const issue of result.error.issues)
        errors.push({ row: i + 1, field: String(issue.path[0] ?? ''), message: issue.message });
    }
  });
  return errors;
}

export function CsvImportDialog({
  open,
  onOpenChange,
  title,
  noun,
  fields,
  rowSchema,
  onImport,
}: CsvImportDialogProps) {
  const fileId = useId();
  const [fileName, setFileName] = useState<string | null>(null);
  const [parsed, setParsed] = useState<ParsedCsv | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [serverErrors, setServerErrors] = useState<ImportRowError[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | null>(null);

  const rows = useMemo(() => (parsed ? mapRows(parsed, mapping) : []), [parsed, mapping]);
  const missing = fields.filter((f) => f.required && !mapping[f.key]);
  const errors = useMemo(() => {
    if (!parsed) return [];
    const fileErrors = parsed.errors.map((e) => ({ row: e.row, field: '', message: e.message }));
    return missing.length ? fileErrors : [...fileErrors, ...validateRows(rows, rowSchema)];
  }, [parsed, rows, rowSchema, missing.length]);
  const badRows = new Set(errors.map((e) => e.row)).size;
  const shownErrors = serverErrors ?? errors;

  function reset() {
    setFileName(null);
    setParsed(null);
    setMapping({});
    setServerErrors(null);
    setFailure(null);
    setDone(null);
  }

  async function choose(file: File | undefined) {
    reset();
    if (!file) return;
    const text = await file.text();
    const result = parseCsv(text);
    setFileName(file.name);
    setParsed(result);
    setMapping(guessMapping(result.headers, fields));
  }

  async function runImport() {
    setBusy(true);
    setFailure(null);
    try {
      const result = await onImport(rows);
      if (result.errors.length) setServerErrors(result.errors);
      else setDone(result.imported);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (busy) return;
        if (!next) reset();
        onOpenChange(next);
      }}
      title={title}
      description={`A CSV file with a header row. Every row is imported, or none.`}
      size="lg"
      footer={
        done !== null ? (
          <Button onClick={() => onOpenChange(false)}>Close</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy}>
              Cancel
            </Button>
            <Button
              onClick={runImport}
              busy={busy}
              disabled={!parsed || rows.length === 0 || errors.length > 0 || missing.length > 0 || !!serverErrors}
            >
              Import {rows.length} {noun}
            </Button>
          </>
        )
      }
    >
      <div className="grid gap-4">
        {done !== null ? (
          <Alert tone="info" title="Import finished">
            {done} {noun} imported from {fileName}.
          </Alert>
        ) : (
          <>
            <div className="grid gap-1.5">
              <label htmlFor={fileId} className="text-sm font-semibold">
                CSV file
              </label>
              <input
                id={fileId}
                type="file"
                accept=".csv,text/csv"
                className="text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-surface file:px-3 file:py-1.5"
                onChange={(e) => void choose(e.target.files?.[0])}
              />
            </div>
            {parsed && (
              <>
                <fieldset className="grid gap-2 sm:grid-cols-2">
                  <legend className="mb-1 text-sm font-semibold">Columns</legend>
                  {fields.map((field) => (
                    <label key={field.key} className="grid gap-1 text-sm">
                      <span>
                        {field.label}
                        {field.required && <span className="text-danger"> *</span>}
                      </span>
                      <Select
                        size="sm"
                        value={mapping[field.key] ?? NOT_IMPORTED}
                        onValueChange={(v) => {
                          setServerErrors(null);
                          setMapping((m) => ({ ...m, [field.key]: v === NOT_IMPORTED ? null : v }));
                        }}
                        options={[
                          { value: NOT_IMPORTED, label: '— not imported —', textValue: 'not imported' },
                          ...parsed.headers.map((h) => ({ value: h, label: h, textValue: h })),
                        ]}
                      />
                    </label>
                  ))}
                </fieldset>
                {missing.length > 0 && (
                  <Alert title="Choose the required columns">
                    {missing.map((f) => f.label).join(', ')} must come from a column of the file.
                  </Alert>
                )}
                {failure && <Alert title="The import failed; nothing was imported">{failure}</Alert>}
                {missing.length === 0 && (
                  <p className="text-sm" role="status" data-testid="import-summary">
                    {rows.length} rows read from {fileName}
                    {shownErrors.length > 0
                      ? ` · ${serverErrors ? new Set(serverErrors.map((e) => e.row)).size : badRows} with errors: fix them in the file and choose it again. Nothing has been imported.`
                      : ' · no errors.'}
                  </p>
                )}
                {shownErrors.length > 0 && (
                  <div className="max-h-64 overflow-auto rounded-md border border-border">
                    <table className="w-full text-sm" data-testid="import-errors">
                      <caption className="sr-only">Rows with errors</caption>
                      <thead>
                        <tr className="text-left text-xs text-muted">
                          <th scope="col" className="px-3 py-1.5 font-semibold">
                            Row
                          </th>
                          <th scope="col" className="px-3 py-1.5 font-semibold">
                            Field
                          </th>
                          <th scope="col" className="px-3 py-1.5 font-semibold">
                            Problem
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {shownErrors.slice(0, 200).map((e, i) => (
                          <tr key={`${e.row}:${e.field}:${i}`} className="border-t border-border">
                            <td className="px-3 py-1.5 tabular-nums">{e.row}</td>
                            <td className="px-3 py-1.5">{fields.find((f) => f.key === e.field)?.label ?? e.field}</td>
                            <td className="px-3 py-1.5">{e.message}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </>
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}
