// `npm run bench [area...]`: runs every bench/<area>.ts (or the named ones) and prints
// one table of figures with the machine they were taken on. Figures are printed,
// never asserted; budgets come from DESIGN.md section 5 and the issues.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  budget?: string;
  note?: string;
}

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const areas = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !['run.ts'].includes(f) && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((a) => wanted.length === 0 || wanted.includes(a))
  .sort();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `Ledgerline benchmarks — ${new Date().toISOString().slice(0, 10)} — ${cpu}, ${os.cpus().length} cores, ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
);

const rows: (BenchRow & { area: string })[] = [];
for (const area of areas) {
  const started = performance.now();
  process.stdout.write(`running ${area}... `);
  try {
    const mod = (await import(path.join(dir, `${area}.ts`))) as { default: () => Promise<BenchRow[]> };
    const result = await mod.default();
    rows.push(...result.map((r) => ({ ...r, area })));
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    console.log('failed');
    console.error(e);
    rows.push({ area, metric: 'FAILED', value: NaN, unit: '', note: (e as Error).message.slice(0, 120) });
  }
}

const fmt = (v: number) => (Number.isNaN(v) ? '-' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));
const table = rows.map((r) => [r.area, r.metric, `${fmt(r.value)} ${r.unit}`.trim(), r.budget ?? '', r.note ?? '']);
const header = ['area', 'metric', 'value', 'budget', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log('');
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const t of table) console.log(line(t));
process.exit(0);
