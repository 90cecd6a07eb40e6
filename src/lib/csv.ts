// CSV in and out of the app. Export: any list turns its rows into a file the user
// downloads (papaparse quotes and escapes; a BOM lets Excel read UTF-8). Import parsing
// lives here too so every importer reads files the same way.
import Papa from 'papaparse';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/** The CSV text for `rows` with the given columns (header row first, CRLF line ends). */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  return Papa.unparse(
    {
      fields: columns.map((c) => c.header),
      data: rows.map((row) => columns.map((c) => c.value(row) ?? '')),
    },
    { newline: '\r\n', escapeFormulae: true },
  );
}

/** Starts a download of `rows` as `filename` (.csv appended when missing). */
export function downloadCsv<T>(filename: string, rows: readonly T[], columns: readonly CsvColumn<T>[]): void {
  const blob = new Blob(['\uFEFF', toCsv(rows, columns)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename.endsWith('.csv') ? filename : `${filename}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export interface ParsedCsv {
  headers: string[];
  /** Data rows keyed by header, in file order (blank lines skipped). */
  rows: Record<string, string>[];
  /** Problems with the file itself (not with values), e.g. a row with too many fields. */
  errors: { row: number; message: string }[];
}

/** Parses CSV text with a header row. Row numbers in errors are 1-based data rows. */
export function parseCsv(text: string): ParsedCsv {
  const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  });
  return {
    headers: (result.meta.fields ?? []).filter((h) => h !== ''),
    rows: result.data,
    errors: result.errors.map((e) => ({ row: (e.row ?? 0) + 1, message: e.message })),
  };
}
