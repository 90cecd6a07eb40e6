// The SPA's JavaScript weight: `vite build` into a temp dir, then sizes from Vite's manifest.
//  - first-load JS: the entry chunk and everything it imports statically (what index.html loads before
//    the first page can render), gzipped; budget ≤ 250 KB (DESIGN.md section 5);
//  - a signed-in user's first page: that plus the lazy app shell and the home page with their imports;
//  - the largest lazy chunk, and the total.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'vite';
import type { BenchRow } from './run.ts';

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const projectRoot = path.resolve(import.meta.dirname, '..');
const KB = 1024;

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

/** Keys of `start` and every chunk it imports statically, transitively. */
function staticClosure(manifest: Manifest, start: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length > 0) {
    const key = stack.pop()!;
    if (seen.has(key) || !manifest[key]) continue;
    seen.add(key);
    stack.push(...(manifest[key].imports ?? []));
  }
  return seen;
}

export default async function run(): Promise<BenchRow[]> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-spa-bench-'));
  const envDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-spa-bench-env-'));
  const saved = { url: process.env.VITE_SUPABASE_URL, key: process.env.VITE_SUPABASE_ANON_KEY };
  // Any valid settings: they only end up as two strings in the bundle.
  process.env.VITE_SUPABASE_URL = 'http://127.0.0.1:54321';
  process.env.VITE_SUPABASE_ANON_KEY = 'bench-anon-key';
  try {
    await build({
      root: projectRoot,
      configFile: path.join(projectRoot, 'vite.config.ts'),
      envDir,
      mode: 'production',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, sourcemap: false, manifest: true },
    });
    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
    const size = new Map<string, number>();
    for (const [key, chunk] of Object.entries(manifest)) size.set(key, gzipSize(path.join(outDir, chunk.file)));
    const sum = (keys: Iterable<string>) => [...keys].reduce((total, key) => total + (size.get(key) ?? 0), 0);

    const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
    if (!entry) throw new Error('The Vite manifest has no entry chunk.');
    const firstLoad = staticClosure(manifest, [entry]);

    const bySrc = (src: string) => Object.keys(manifest).find((key) => manifest[key]!.src === src);
    const shell = bySrc('src/app/shell/app-shell.tsx');
    const home = bySrc('src/features/home/components/home-page.tsx');
    const signedIn = staticClosure(manifest, [entry, ...(shell ? [shell] : []), ...(home ? [home] : [])]);

    const lazyKeys = Object.keys(manifest).filter((key) => !firstLoad.has(key) && manifest[key]!.file.endsWith('.js'));
    const largestLazy = lazyKeys.sort((a, b) => (size.get(b) ?? 0) - (size.get(a) ?? 0))[0];
    const jsKeys = Object.keys(manifest).filter((key) => manifest[key]!.file.endsWith('.js'));

    const cssFiles = new Set(Object.values(manifest).flatMap((chunk) => chunk.css ?? []));
    const cssSize = [...cssFiles].reduce((total, file) => total + gzipSize(path.join(outDir, file)), 0);

    const rows: BenchRow[] = [
      {
        metric: 'first-load JS, gzip',
        value: sum(firstLoad) / KB,
        unit: 'KB',
        budget: '≤ 250 KB',
        note: `${firstLoad.size} chunks: entry + static imports (React, router, react-query, supabase-js, guards)`,
      },
      {
        metric: 'first-load JS, signed-in home page',
        value: sum(signedIn) / KB,
        unit: 'KB',
        budget: '≤ 250 KB',
        note: shell && home ? `${signedIn.size} chunks: + lazy app shell and home page` : 'shell or home chunk not found',
      },
      {
        metric: 'largest lazy chunk, gzip',
        value: largestLazy ? (size.get(largestLazy) ?? 0) / KB : 0,
        unit: 'KB',
        note: largestLazy ? `${manifest[largestLazy]!.name ?? largestLazy} (${manifest[largestLazy]!.file})` : 'none',
      },
      {
        metric: 'all JS, gzip',
        value: sum(jsKeys) / KB,
        unit: 'KB',
        note: `${jsKeys.length} chunks (${lazyKeys.length} lazy)`,
      },
      { metric: 'CSS, gzip', value: cssSize / KB, unit: 'KB', note: `${cssFiles.size} file(s)` },
    ];
    return rows;
  } finally {
    if (saved.url === undefined) delete process.env.VITE_SUPABASE_URL;
    else process.env.VITE_SUPABASE_URL = saved.url;
    if (saved.key === undefined) delete process.env.VITE_SUPABASE_ANON_KEY;
    else process.env.VITE_SUPABASE_ANON_KEY = saved.key;
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.rmSync(envDir, { recursive: true, force: true });
  }
}
