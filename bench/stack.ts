// `npm run stack` cold start (fresh data dir: initdb, bootstrap, migrations, seed)
// and warm start (existing data dir), measured on the real CLI in a child process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow } from './run.ts';
import { freePort } from '../tests/helpers/ports.ts';

const projectDir = path.resolve(import.meta.dirname, '..');

async function timeToReady(env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'stack/cli.ts', 'stack'], {
    cwd: projectDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ms = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d;
      if (/^ready$/m.test(output)) resolve(performance.now() - started);
    });
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.on('exit', (code) => reject(new Error(`stack exited (${code}) before ready:\n${output}`)));
  });
  child.removeAllListeners('exit');
  await new Promise<void>((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGINT');
  });
  return ms;
}

export default async function run(): Promise<BenchRow[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-bench-stack-'));
  fs.chmodSync(dataDir, 0o755);
  const env = {
    STACK_DATA_DIR: dataDir,
    STACK_PORT: String(await freePort()),
    STACK_DB_PORT: String(await freePort()),
    STACK_MAIL_PORT: String(await freePort()),
    STACK_SMTP_PORT: String(await freePort()),
  };
  try {
    const cold = await timeToReady(env);
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) warm.push(await timeToReady(env));
    warm.sort((a, b) => a - b);
    return [
      { metric: 'npm run stack cold start (fresh data dir, migrations, seed)', value: cold / 1000, unit: 's', budget: '≤ 15 s' },
      { metric: 'npm run stack warm start (median of 3)', value: warm[1]! / 1000, unit: 's', budget: '≤ 3 s' },
    ];
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
