// Imports a bank statement CSV into one bank account: choose the file, see its first rows,
// map its columns (remembered per bank account in this browser) and formats, see the rows as
// they will be sent and every row's problem, then send. The database imports all rows or
// none, names the rows it refuses, and skips lines it already has.
import { useId, useMemo, useState } from 'react';
import { guessMapping } from '@/components/csv-import-dialog.tsx';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { toast } from '@/components/toaster.tsx';
import { parseCsv, type ParsedCsv } from '@/lib/csv.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney } from '@/lib/money.ts';
import { StatementRowsError, useImportStatement, type StatementImport } from '../api/statement.ts';
import {
  convertStatement,
  FIELD_LABELS,
  guessDateFormat,
  guessDecimal,
  mapStatementRows,
  missingFields,
  readSavedMapping,
  saveMapping,
  STATEMENT_FIELDS,
  statementRowFromFile,
  type MappedField,
  type RowProblem,
  type StatementMapping,
} from '../schemas/statement-import.ts';
import { RowProblemsTable } from './row-problems-table.tsx';
import { StatementMappingFields } from './statement-mapping-fields.tsx';

const PREVIEW_ROWS = 5;

interface StatementImportDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  orgId: string;
  bankAccount: { id: string; name: string; currency: string };
}

/** The saved mapping when the file has its columns, else a guess from the headers and values. */
function initialMapping(bankAccountId: string, parsed: ParsedCsv): StatementMapping {
  const saved = readSavedMapping(bankAccountId);
  if (saved && Object.values(saved.columns).every((h) => h === null || parsed.headers.includes(h))) return saved;
  const guessed = guessMapping(parsed.headers, STATEMENT_FIELDS) as Record<MappedField, string | null>;
  const amountMode = guessed.amount || !(guessed.debit || guessed.credit) ? 'single' : 'split';
  const values = (header: string | null) => (header ? parsed.rows.slice(0, 20).map((r) => r[header] ?? '') : []);
  const amounts =
    amountMode === 'single' ? values(guessed.amount) : [...values(guessed.debit), ...values(guessed.credit)];
  return {
    columns: guessed,
    amountMode,
    dateFormat: guessDateFormat(values(guessed.date)),
    decimal: guessDecimal(amounts),
  };
}

export function StatementImportDialog({ open, onOpenChange, orgId, bankAccount }: StatementImportDialogProps) {
  const fileId = useId();
  const importStatement = useImportStatement(orgId, bankAccount.id);
  const [fileName, setFileName] = useState<string | null>(null);
  const [parsed, setParsed] = useState<ParsedCsv | null>(null);
  const [mapping, setMapping] = useState<StatementMapping | null>(null);
  const [serverProblems, setServerProblems] = useState<RowProblem[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<StatementImport | null>(null);

  const missing = mapping ? missingFields(mapping) : [];
  const raw = useMemo(
    () => (parsed && mapping ? mapStatementRows(parsed.rows, mapping.columns, mapping.amountMode) : []),
    [parsed, mapping],
  );
  const converted = useMemo(
    () =>
      mapping && missingFields(mapping).length === 0 ? convertStatement(raw, mapping) : { rows: [], problems: [] },
    [raw, mapping],
  );
  const preview = useMemo(() => {
    if (!mapping || missingFields(mapping).length > 0) return [];
    const schema = statementRowFromFile(mapping);
    return raw.slice(0, PREVIEW_ROWS).map((r) => schema.safeParse(r));
  }, [raw, mapping]);
  const fileProblems: RowProblem[] = (parsed?.errors ?? []).map((e) => ({ ...e, field: '' }));
  const problems = [...fileProblems, ...converted.problems];
  const busy = importStatement.isPending;

  const columnOf = (field: string) => {
    const header = mapping?.columns[field as MappedField];
    const label = FIELD_LABELS[field as MappedField] ?? field;
    return header ? `${label} (${header})` : label;
  };

  function reset() {
    setFileName(null);
    setParsed(null);
    setMapping(null);
    setServerProblems(null);
    setFailure(null);
    setResult(null);
  }

  async function choose(file: File | undefined) {
    reset();
    if (!file) return;
    const next = parseCsv(await file.text());
    setFileName(file.name);
    setParsed(next);
    setMapping(initialMapping(bankAccount.id, next));
  }

  function changeMapping(next: StatementMapping) {
    setServerProblems(null);
    setFailure(null);
    setMapping(next);
  }

  async function send() {
    if (!mapping || !fileName) return;
    setFailure(null);
    setServerProblems(null);
    saveMapping(bankAccount.id, mapping);
    try {
      const done = await importStatement.mutateAsync({ fileName, rows: converted.rows });
      setResult(done);
      toast.success(`${done.rows_imported} statement lines imported into ${bankAccount.name}`);
    } catch (error) {
      if (error instanceof StatementRowsError) setServerProblems(error.problems);
      else setFailure(errorMessage(error));
    }
  }

  const canSend =
    !!parsed && converted.rows.length > 0 && problems.length === 0 && missing.length === 0 && !serverProblems;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (busy) return;
        if (!next) reset();
        onOpenChange(next);
      }}
      title={`Import a statement into ${bankAccount.name}`}
      description="A CSV file from the bank with a header row. Every line is imported, or none; lines already imported are skipped."
      size="lg"
      footer={
        result ? (
          <Button onClick={() => onOpenChange(false)}>Close</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy}>
              Cancel
            </Button>
            <Button onClick={send} busy={busy} disabled={!canSend}>
              Import {converted.rows.length} {converted.rows.length === 1 ? 'line' : 'lines'}
            </Button>
          </>
        )
      }
    >
      <div className="grid gap-4">
        {result ? (
          <Alert tone="info" title="Statement imported">
            <p data-testid="import-result">
              {result.rows_imported} imported, {result.rows_duplicate} already imported and skipped
            </p>
            <p>
              {result.rows_total} lines read from {result.file_name}.
            </p>
          </Alert>
        ) : (
          <>
            <div className="grid gap-1.5">
              <label htmlFor={fileId} className="text-sm font-semibold">
                Statement file (CSV)
              </label>
              <input
                id={fileId}
                type="file"
                accept=".csv,text/csv"
                className="text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-surface file:px-3 file:py-1.5"
                onChange={(e) => void choose(e.target.files?.[0])}
              />
            </div>
            {parsed && mapping && (
              <>
                {parsed.headers.length === 0 ? (
                  <Alert title="No columns found">The file has no header row. Choose a CSV file with one.</Alert>
                ) : (
                  <>
                    <FilePreview parsed={parsed} />
                    <StatementMappingFields headers={parsed.headers} mapping={mapping} onChange={changeMapping} />
                  </>
                )}
                {missing.length > 0 && (
                  <Alert title="Choose the columns to read">
                    {mapping.amountMode === 'split'
                      ? 'The booking date, and money out or money in (or both), must come from columns of the file.'
                      : `${missing.map((f) => FIELD_LABELS[f]).join(' and ')} must come from a column of the file.`}
                  </Alert>
                )}
                {missing.length === 0 && preview.length > 0 && (
                  <ConvertedPreview preview={preview} currency={bankAccount.currency} />
                )}
                {failure && <Alert title="The import failed; nothing was imported">{failure}</Alert>}
                {missing.length === 0 && (
                  <p className="m-0 text-sm" role="status" data-testid="import-summary">
                    {parsed.rows.length} rows read from {fileName}
                    {serverProblems
                      ? ` · the database refused ${new Set(serverProblems.map((p) => p.row)).size} of them. Nothing has been imported.`
                      : problems.length > 0
                        ? ` · ${new Set(problems.map((p) => p.row)).size} with problems: change the mapping or fix the file. Nothing has been sent.`
                        : ' · no problems.'}
                  </p>
                )}
                {serverProblems && (
                  <RowProblemsTable caption="Rows the database refused" problems={serverProblems} columnOf={columnOf} />
                )}
                {!serverProblems && missing.length === 0 && problems.length > 0 && (
                  <RowProblemsTable caption="Rows with problems" problems={problems} columnOf={columnOf} />
                )}
              </>
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}

function FilePreview({ parsed }: { parsed: ParsedCsv }) {
  return (
    <div className="overflow-x-auto rounded-md border border-border">
      <table className="w-full text-sm">
        <caption className="px-3 py-1.5 text-left text-xs text-muted">
          First rows of the file ({Math.min(PREVIEW_ROWS, parsed.rows.length)} of {parsed.rows.length})
        </caption>
        <thead>
          <tr className="text-left text-xs text-muted">
            {parsed.headers.map((h) => (
              <th key={h} scope="col" className="px-3 py-1.5 font-semibold whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {parsed.rows.slice(0, PREVIEW_ROWS).map((row, i) => (
            <tr key={i} className="border-t border-border">
              {parsed.headers.map((h) => (
                <td key={h} className="px-3 py-1.5 whitespace-nowrap">
                  {row[h]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type PreviewResult = ReturnType<ReturnType<typeof statementRowFromFile>['safeParse']>;

function ConvertedPreview({ preview, currency }: { preview: PreviewResult[]; currency: string }) {
  return (
    <div className="overflow-x-auto rounded-md border border-border">
      <table className="w-full text-sm">
        <caption className="px-3 py-1.5 text-left text-xs text-muted">As they will be imported</caption>
        <thead>
          <tr className="text-left text-xs text-muted">
            <th scope="col" className="px-3 py-1.5 font-semibold">
              Row
            </th>
            <th scope="col" className="px-3 py-1.5 font-semibold">
              Date
            </th>
            <th scope="col" className="px-3 py-1.5 text-right font-semibold">
              Amount
            </th>
            <th scope="col" className="px-3 py-1.5 font-semibold">
              Description
            </th>
            <th scope="col" className="px-3 py-1.5 font-semibold">
              Counterparty
            </th>
            <th scope="col" className="px-3 py-1.5 font-semibold">
              Reference
            </th>
          </tr>
        </thead>
        <tbody>
          {preview.map((r, i) => (
            <tr key={i} className="border-t border-border">
              <td className="px-3 py-1.5 tabular-nums">{i + 1}</td>
              {r.success ? (
                <>
                  <td className="px-3 py-1.5 whitespace-nowrap">{r.data.booking_date}</td>
                  <td className="px-3 py-1.5 text-right whitespace-nowrap tabular-nums">
                    {formatMoney(r.data.amount, currency)}
                  </td>
                  <td className="px-3 py-1.5">{r.data.description ?? ''}</td>
                  <td className="px-3 py-1.5">{r.data.counterparty ?? ''}</td>
                  <td className="px-3 py-1.5">{r.data.reference ?? ''}</td>
                </>
              ) : (
                <td colSpan={5} className="px-3 py-1.5 text-danger">
                  {r.error.issues.map((issue) => issue.message).join('; ')}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
