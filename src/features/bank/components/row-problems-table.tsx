// The rows of a statement file that cannot be imported and why (checked in the browser or
// refused by the database), at most 200 listed.
import type { RowProblem } from '../schemas/statement-import.ts';

interface RowProblemsTableProps {
  caption: string;
  problems: RowProblem[];
  /** The column of the file each field was read from, e.g. date → "Buchungstag". */
  columnOf(field: string): string;
}

const SHOWN = 200;

export function RowProblemsTable({ caption, problems, columnOf }: RowProblemsTableProps) {
  return (
    <div className="max-h-64 overflow-auto rounded-md border border-border">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="text-left text-xs text-muted">
            <th scope="col" className="px-3 py-1.5 font-semibold">
              Row
            </th>
            <th scope="col" className="px-3 py-1.5 font-semibold">
              Column
            </th>
            <th scope="col" className="px-3 py-1.5 font-semibold">
              Problem
            </th>
          </tr>
        </thead>
        <tbody>
          {problems.slice(0, SHOWN).map((p, i) => (
            <tr key={`${p.row}:${p.field}:${i}`} className="border-t border-border">
              <td className="px-3 py-1.5 tabular-nums">{p.row}</td>
              <td className="px-3 py-1.5">{p.field ? columnOf(p.field) : '—'}</td>
              <td className="px-3 py-1.5">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {problems.length > SHOWN && (
        <p className="m-0 border-t border-border px-3 py-1.5 text-sm text-muted">
          and {problems.length - SHOWN} more problems
        </p>
      )}
    </div>
  );
}
