// One Deno process per function, started on its first call and kept warm; requests
// are proxied to it with bodies streamed both ways. The edge runtime's failure
// answers (spec 6.2): a function that cannot start → 503 BOOT_ERROR; a process
// that dies mid-request → 500 WORKER_ERROR (the next call starts a new one); no
// response within config.functionTimeoutMs → 504, as the CLI's Kong answers when
// its read timeout (150 s) passes. A worker whose event loop is stuck at that
// point is killed so the next call gets a fresh one.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { StackContext } from '../context.ts';
import { BOOTSTRAP_PATH, denoCommand, denoEnv, importFlags, type FunctionSpec } from './deno.ts';
import { localSecretDefaults, readUserEnv, supabaseEnv } from './env.ts';

export const BOOT_ERROR = { code: 'BOOT_ERROR', message: 'Worker failed to boot (please check logs)' };
export const WORKER_ERROR = { code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' };
/** Kong's body for an upstream read timeout. */
export const TIMEOUT_ERROR = { message: 'The upstream server is timing out' };

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'proxy-authenticate',
  'proxy-authorization',
]);

class BootError extends Error {}

interface Worker {
  spec: FunctionSpec;
  child: ChildProcess;
  token: string;
  ready: Promise<number>;
  port?: number;
  exited: boolean;
  agent: http.Agent;
  /** Set while checking whether the worker survived a timed-out request. */
  probing?: Promise<boolean>;
}

function sendEdgeJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export class FunctionRunner {
  private workers = new Map<string, Worker>();
  private all = new Set<Worker>();
  private stopped = false;
  /** Warnings about .env shown once, not at every process start. */
  private warned = new Set<string>();
  private readonly onExit = () => {
    for (const w of this.all) w.child.kill('SIGKILL');
  };

  constructor(private ctx: StackContext) {
    process.on('exit', this.onExit);
  }

  private log(message: string): void {
    this.ctx.log('functions', message);
  }

  private get bootTimeoutMs(): number {
    // Booting may compile or fetch modules: never less than 30 s, even with a short request timeout.
    return Math.max(this.ctx.config.functionTimeoutMs, 30_000);
  }

  /** The spec of a function whose worker is up, so a warm call skips the file checks. */
  liveSpec(slug: string): FunctionSpec | undefined {
    const w = this.workers.get(slug);
    return w && !w.exited ? w.spec : undefined;
  }

  /** The running (or booting) worker of a function, started if needed. */
  worker(spec: FunctionSpec): Worker {
    const existing = this.workers.get(spec.slug);
    if (existing && !existing.exited) return existing;
    const w = this.spawn(spec);
    this.workers.set(spec.slug, w);
    return w;
  }

  private spawn(spec: FunctionSpec): Worker {
    const { config } = this.ctx;
    const deno = denoCommand();
    const token = crypto.randomBytes(16).toString('hex');
    const env = {
      ...denoEnv(config),
      ...localSecretDefaults(config),
      ...readUserEnv(config, (m) => {
        if (this.warned.has(m)) return;
        this.warned.add(m);
        this.log(m);
      }),
      ...supabaseEnv(config),
      LEDGERLINE_FN_ENTRY: pathToFileURL(spec.entry).href,
      LEDGERLINE_FN_TOKEN: token,
    };
    const args = [...deno.prefix, 'run', '--allow-all', '--no-prompt', ...importFlags(spec), BOOTSTRAP_PATH];
    const child = spawn(deno.command, args, { cwd: spec.dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin!.on('error', () => undefined);
    // Idle sockets are dropped before Deno might close them under a new request.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 5_000 });
    let resolveReady!: (port: number) => void;
    let rejectReady!: (e: Error) => void;
    const ready = new Promise<number>((res, rej) => {
      resolveReady = res;
      rejectReady = rej;
    });
    // Waiters attach later; an unobserved boot failure must not crash the stack.
    ready.catch(() => undefined);
    const w: Worker = { spec, child, token, ready, exited: false, agent };
    this.all.add(w);

    const bootTimer = setTimeout(() => {
      rejectReady(new BootError(`did not start within ${this.bootTimeoutMs} ms`));
      this.kill(w);
    }, this.bootTimeoutMs);

    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(token)) {
        try {
          const msg = JSON.parse(line.slice(token.length + 1)) as { type: string; port?: number; message?: string };
          if (msg.type === 'ready' && msg.port) {
            clearTimeout(bootTimer);
            w.port = msg.port;
            resolveReady(msg.port);
          } else if (msg.type === 'boot-error') {
            clearTimeout(bootTimer);
            // The next call tries a fresh boot, as the edge runtime does per request.
            if (this.workers.get(spec.slug) === w) this.workers.delete(spec.slug);
            rejectReady(new BootError(msg.message ?? 'boot error'));
          }
        } catch {
          // Not ours after all: a log line.
          this.log(`${spec.slug}: ${line}`);
        }
        return;
      }
      if (line) this.log(`${spec.slug}: ${line}`);
    });
    readline.createInterface({ input: child.stderr! }).on('line', (line) => {
      if (line) this.log(`${spec.slug}: ${line}`);
    });
    child.on('error', (e) => {
      clearTimeout(bootTimer);
      rejectReady(new BootError(e.message));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(bootTimer);
      w.exited = true;
      this.all.delete(w);
      if (this.workers.get(spec.slug) === w) this.workers.delete(spec.slug);
      rejectReady(new BootError(`exited with ${signal ?? `code ${code}`} before it was ready`));
      agent.destroy();
      if (!this.stopped && w.port !== undefined) this.log(`${spec.slug}: worker exited (${signal ?? `code ${code}`})`);
    });
    return w;
  }

  private kill(w: Worker, signal: NodeJS.Signals = 'SIGKILL'): void {
    if (!w.exited) w.child.kill(signal);
  }

  /** Drops a function's worker (watch mode); the next call starts a new one. */
  restart(slug: string): void {
    const w = this.workers.get(slug);
    if (!w) return;
    this.workers.delete(slug);
    this.kill(w, 'SIGTERM');
  }

  restartAll(): void {
    for (const slug of [...this.workers.keys()]) this.restart(slug);
  }

  /** Whether a worker's event loop still answers (a CPU-bound handler blocks it). */
  private probe(w: Worker, timeoutMs = 1_000): Promise<boolean> {
    return new Promise((resolve) => {
      if (w.exited || w.port === undefined) return resolve(false);
      const r = http.get(
        {
          host: '127.0.0.1',
          port: w.port,
          path: '/',
          headers: { 'x-ledgerline-probe': w.token },
          agent: false,
          timeout: timeoutMs,
        },
        (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        },
      );
      r.on('timeout', () => {
        r.destroy();
        resolve(false);
      });
      r.on('error', () => resolve(false));
    });
  }

  /**
   * Probes a worker that may be dead or stuck; new calls wait for the answer. One
   * that does not answer is killed and forgotten, so the next call starts afresh.
   */
  private suspect(w: Worker, why: string): void {
    if (w.exited || w.probing) return;
    w.probing = this.probe(w).then((alive) => {
      w.probing = undefined;
      if (!alive) {
        if (!w.exited) this.log(`${w.spec.slug}: worker unresponsive ${why}, restarting it`);
        if (this.workers.get(w.spec.slug) === w) this.workers.delete(w.spec.slug);
        this.kill(w);
      }
      return alive;
    });
  }

  /** Forwards a request to the function with the path after /functions/v1 (`/<slug>/...?query`). */
  async proxy(spec: FunctionSpec, req: IncomingMessage, res: ServerResponse, pathAndQuery: string): Promise<void> {
    let w: Worker;
    let port: number;
    try {
      w = this.worker(spec);
      // A worker under suspicion gets no new work until it has answered the probe.
      if (w.probing && !(await w.probing)) w = this.worker(spec);
      port = await w.ready;
    } catch (e) {
      this.log(`${spec.slug}: worker failed to boot: ${(e as Error).message}`);
      req.resume();
      if (!res.headersSent) sendEdgeJson(res, 503, BOOT_ERROR);
      return;
    }

    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '127.0.0.1';
    headers['x-forwarded-proto'] = 'http';
    if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;

    const timeoutMs = this.ctx.config.functionTimeoutMs;
    await new Promise<void>((resolve) => {
      let done = false;
      let timedOut = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve();
      };
      const onTimeout = () => {
        timedOut = true;
        upstream.destroy();
        if (!res.headersSent) sendEdgeJson(res, 504, TIMEOUT_ERROR);
        else res.destroy();
        finish();
        this.suspect(w, 'after a timeout');
      };
      // Like Kong's read timeout: the longest wait for the next bytes from the function.
      let timer = setTimeout(onTimeout, timeoutMs);
      const touch = () => {
        clearTimeout(timer);
        if (!done) timer = setTimeout(onTimeout, timeoutMs);
      };

      const upstream = http.request({
        host: '127.0.0.1',
        port,
        method: req.method,
        path: pathAndQuery,
        headers,
        agent: w.agent,
      });
      upstream.on('response', (ur) => {
        touch();
        const out: http.OutgoingHttpHeaders = {};
        for (const [k, v] of Object.entries(ur.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
        res.writeHead(ur.statusCode ?? 502, out);
        ur.on('data', (chunk: Buffer) => {
          touch();
          if (!res.write(chunk)) {
            ur.pause();
            res.once('drain', () => ur.resume());
          }
        });
        ur.on('end', () => {
          res.end();
          finish();
        });
        ur.on('error', () => {
          if (timedOut || done) return;
          // Cut off mid-response: the process may have died.
          res.destroy();
          finish();
          this.suspect(w, 'after a broken response');
        });
      });
      upstream.on('error', () => {
        if (timedOut || done) return;
        // The process died (or was restarted) before answering.
        if (!res.headersSent) sendEdgeJson(res, 500, WORKER_ERROR);
        else res.destroy();
        finish();
        // Its exit may not have been noticed yet: hold new calls until we know.
        this.suspect(w, 'after a failed request');
      });
      // The client went away: stop the function's work on it too.
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
        finish();
      });
      req.on('data', touch);
      req.pipe(upstream);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    process.off('exit', this.onExit);
    const workers = [...this.all];
    this.workers.clear();
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.exited) return resolve();
            const force = setTimeout(() => w.child.kill('SIGKILL'), 2_000);
            w.child.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            w.child.kill('SIGTERM');
          }),
      ),
    );
  }
}
