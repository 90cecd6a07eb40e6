/* global Deno */
// Runs inside the Deno process that serves one edge function (see runner.ts).
// Plain JavaScript so the app's TypeScript check never sees Deno globals.
//
// It takes over Deno.serve so that the function, whichever way it starts its
// server (Deno.serve(handler), Deno.serve(options, handler), Deno.serve({ handler }),
// or `export default { fetch }`), listens on a free loopback port, then reports
// that port to the stack on stdout with a line only the stack can recognise.
// Errors are turned into the edge runtime's responses: a thrown error or a
// non-Response result gives 500 WORKER_ERROR; a module that fails to load, or
// that never starts a server, is a boot failure (the stack answers 503).
// When the stack goes away its end of stdin closes, and the process exits.

const entry = Deno.env.get('LEDGERLINE_FN_ENTRY');
const token = Deno.env.get('LEDGERLINE_FN_TOKEN');
// The edge runtime hides its own variables and these OS ones from functions.
for (const name of ['LEDGERLINE_FN_ENTRY', 'LEDGERLINE_FN_TOKEN', 'HOME', 'HOSTNAME', 'PATH', 'PWD']) {
  Deno.env.delete(name);
}

const encoder = new TextEncoder();
function control(message) {
  // A leading newline keeps the message on its own line even after a partial write.
  const bytes = encoder.encode(`\n${token} ${JSON.stringify(message)}\n`);
  let written = 0;
  while (written < bytes.length) written += Deno.stdout.writeSync(bytes.subarray(written));
}

function workerError() {
  return new Response(
    JSON.stringify({ code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' }),
    { status: 500, headers: { 'Content-Type': 'application/json' } },
  );
}

// Background work functions hand to the runtime (EdgeRuntime.waitUntil).
if (!('EdgeRuntime' in globalThis)) {
  globalThis.EdgeRuntime = {
    waitUntil(promise) {
      Promise.resolve(promise).catch((e) => console.error(e));
    },
  };
}

const realServe = Deno.serve.bind(Deno);
let server = null;

function serve(...args) {
  let options;
  let handler;
  if (typeof args[0] === 'function') {
    handler = args[0];
    options = args[1] ?? {};
  } else {
    options = args[0] ?? {};
    handler = typeof args[1] === 'function' ? args[1] : options.handler;
  }
  if (typeof handler !== 'function') throw new TypeError('A handler function must be provided.');
  if (server) {
    console.error('Deno.serve was called more than once; only the first server receives requests');
    return server;
  }
  const userOnError = options.onError;
  const wrapped = async (req, info) => {
    // The stack's liveness probe, answered by the event loop itself.
    if (req.headers.get('x-ledgerline-probe') === token) return new Response('ok');
    try {
      const res = await handler(req, info);
      if (!(res instanceof Response)) {
        console.error(
          new TypeError('Return value from serve handler must be a response or a promise resolving to a response'),
        );
        return workerError();
      }
      return res;
    } catch (e) {
      console.error(e);
      if (typeof userOnError === 'function') return await userOnError(e);
      return workerError();
    }
  };
  server = realServe({
    port: 0,
    hostname: '127.0.0.1',
    signal: options.signal,
    onListen: ({ port }) => control({ type: 'ready', port }),
    onError: (e) => {
      console.error(e);
      return workerError();
    },
    handler: wrapped,
  });
  return server;
}
Object.defineProperty(Deno, 'serve', { value: serve, writable: true, configurable: true });

// Exit with the stack: its end of our stdin closes when it stops or dies.
(async () => {
  const buf = new Uint8Array(256);
  try {
    while ((await Deno.stdin.read(buf)) !== null) {
      // Nothing is ever sent; reading only detects the close.
    }
  } catch {
    // stdin broke: the parent is gone too.
  }
  Deno.exit(0);
})();

try {
  const mod = await import(entry);
  if (!server) {
    const def = mod?.default;
    if (def && typeof def.fetch === 'function') {
      serve((req, info) => def.fetch(req, info));
    } else {
      throw new Error('The function neither called Deno.serve nor exported a default object with a fetch method');
    }
  }
} catch (e) {
  console.error(e);
  control({ type: 'boot-error', message: String(e?.message ?? e) });
  Deno.exit(1);
}
