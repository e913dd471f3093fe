/**
 * PGlite in a worker thread. PGlite is PostgreSQL compiled to WASM: each statement runs
 * synchronously on the thread that owns it. In the HTTP thread, every reply statement held
 * the event loop, so a webhook could not even be read while replies ran. Here the thread
 * that serves HTTP only sends statements and receives rows; the WASM runs beside it.
 *
 * The worker is a small CommonJS script (run from a string, so the same code works from
 * the build and from the TypeScript sources in tests). Transactions are PGlite's own: the
 * worker opens one with its first statement and runs the statements sent for it until told
 * to commit or roll back. Statements run prepared (pglite-prepared-statements.ts).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Results } from '@electric-sql/pglite';
import { PREPARED_STATEMENTS_SCRIPT } from './pglite-prepared-statements.js';

export interface PgliteQueryOptions {
  rowMode?: 'array' | 'object';
  /** Per type OID; only parsers that return the text as is cross to the worker (drizzle's use). */
  parsers?: Record<number, (value: string, typeId: number) => unknown>;
}

/** The statements of one open transaction. */
export interface PgliteStatements {
  query<Row = Record<string, unknown>>(
    text: string,
    params?: unknown[],
    options?: PgliteQueryOptions,
  ): Promise<Results<Row>>;
  exec(text: string): Promise<Results[]>;
}

export interface PgliteWorker extends PgliteStatements {
  /** PGlite's transaction: fn's statements in one transaction, committed when fn resolves. */
  transaction<T>(fn: (tx: PgliteStatements) => Promise<T>): Promise<T>;
  /** A gzipped tarball of the data directory, after a checkpoint. */
  dumpDataDir(): Promise<Blob>;
  close(): Promise<void>;
}

const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite, protocol, types } = require(workerData.pglite);
${PREPARED_STATEMENTS_SCRIPT}
let client;
let statements;
const transactions = new Map();

async function target(message) {
  if (message.tx === undefined) return client;
  if (message.begin) begin(message.tx);
  const open = transactions.get(message.tx);
  if (!open) throw new Error('Transaction is closed');
  await open.ready;
  return open.tx;
}
function begin(id) {
  const open = {};
  open.ready = new Promise((began, failed) => {
    open.done = client.transaction(
      (tx) => new Promise((commit, rollback) => {
        Object.assign(open, { tx, commit, rollback });
        began();
      }),
    );
    open.done.catch(failed);
  });
  transactions.set(id, open);
}
const plain = (r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows });
function plainError(error) {
  const out = { message: String(error?.message ?? error) };
  if (error && typeof error === 'object')
    for (const [key, value] of Object.entries(error))
      if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  if (error?.name) out.name = error.name;
  return out;
}
async function handle(message) {
  switch (message.op) {
    case 'query': {
      const on = await target(message);
      return statements.query(message.text, message.params ?? [], message, on === client ? null : on);
    }
    case 'exec':
      try {
        return (await (await target(message)).exec(message.text)).map(plain);
      } finally {
        // Its statements may have changed the schema. (pg-boss's maintenance, every few seconds, does not.)
        if (/\\b(create|alter|drop)\\b/i.test(message.text)) statements.forgetAll();
      }
    case 'end': {
      const open = transactions.get(message.tx);
      // A transaction that ran no statement was never begun.
      if (!open) return null;
      transactions.delete(message.tx);
      try {
        await open.ready;
      } catch (error) {
        // Its first statement reported why it could not begin.
        if (message.commit) throw error;
        return null;
      }
      if (message.commit) open.commit();
      else open.rollback(new Error('rolled back'));
      try {
        await open.done;
      } catch (error) {
        if (message.commit) throw error;
      }
      return null;
    }
    case 'dump': {
      await client.exec('checkpoint');
      return await (await client.dumpDataDir('gzip')).arrayBuffer();
    }
    case 'close':
      await client.close();
      return null;
  }
  throw new Error('unknown operation ' + message.op);
}
parentPort.on('message', (message) => {
  handle(message).then(
    (result) => parentPort.postMessage({ id: message.id, result }, result instanceof ArrayBuffer ? [result] : []),
    (error) => parentPort.postMessage({ id: message.id, error: plainError(error) }),
  );
});
// PostgreSQL's WASM, compiled here (lazily tiered: ~0.35 s less than leaving it to PGlite)
// unless an earlier worker of this process compiled it already; handed back to be reused.
async function compiled() {
  if (workerData.wasmModule) return workerData.wasmModule;
  return WebAssembly.compile(await require('node:fs/promises').readFile(workerData.wasmFile));
}
compiled()
  .then(async (wasmModule) => {
    client = await PGlite.create(workerData.dataDir, {
      wasmModule,
      startParams: [...PGlite.defaultStartParams, ...workerData.extraStartParams],
    });
    statements = preparedStatements(client, protocol, types, workerData.preparedStatementLimit);
    parentPort.postMessage({ ready: true, wasmModule });
  })
  .catch((error) => parentPort.postMessage({ ready: false, error: plainError(error) }));
`;

interface Reply {
  id?: number;
  result?: unknown;
  error?: Record<string, unknown> & { message: string };
  ready?: boolean;
  /** The compiled WebAssembly.Module (the build's lib has no WebAssembly types). */
  wasmModule?: object;
}

/**
 * Statements the worker keeps prepared (the least recently used are closed past it): ARI's
 * own texts are a few dozen; texts that vary (IN lists) take the rest.
 */
export const PREPARED_STATEMENT_LIMIT = 256;

/**
 * The compiled PostgreSQL WASM, once a worker of this process has compiled it: later workers
 * (a server's restore, the commands a test runs in its own process) start from it, ~0.5 s
 * sooner each. A compiled module is shared between threads, not copied.
 */
let compiledPglite: object | undefined;

/**
 * extraStartParams: PostgreSQL settings added to PGlite's default start parameters (which
 * the worker reads, so this thread does not load PGlite at all).
 */
export async function openPgliteWorker(dataDir: string, extraStartParams: string[]): Promise<PgliteWorker> {
  // The same PGlite as this process's, resolved here: the worker runs from no file.
  const resolveModule = createRequire(import.meta.url).resolve;
  const pglite = resolveModule('@electric-sql/pglite');
  const wasmFile = resolveModule('@electric-sql/pglite/pglite.wasm');
  const worker = new Worker(WORKER_SCRIPT, {
    eval: true,
    workerData: {
      pglite,
      wasmFile,
      wasmModule: compiledPglite,
      dataDir,
      extraStartParams,
      preparedStatementLimit: PREPARED_STATEMENT_LIMIT,
    },
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 0;
  let failure: Error | null = null;
  let closing: Promise<void> | undefined;

  // The worker keeps the process alive only while a call waits for it (a finished command exits).
  const settle = (id: number) => {
    const call = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return call;
  };
  const failAll = (error: Error) => {
    failure ??= error;
    for (const id of [...pending.keys()]) settle(id)?.reject(error);
  };

  await new Promise<void>((resolve, reject) => {
    worker.once('message', (reply: Reply) => {
      if (!reply.ready) return reject(databaseError(reply.error ?? { message: 'PGlite did not start' }));
      compiledPglite ??= reply.wasmModule;
      resolve();
    });
    worker.once('error', reject);
  }).catch(async (error: unknown) => {
    // A worker left running would keep the process alive after the failure is reported.
    await worker.terminate();
    throw error;
  });
  worker.on('message', (reply: Reply) => {
    if (reply.id === undefined) return;
    const call = settle(reply.id);
    if (reply.error) call?.reject(databaseError(reply.error));
    else call?.resolve(reply.result);
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the PGlite worker stopped (exit ${code})`)));
  worker.unref();

  function call<T>(message: Record<string, unknown>): Promise<T> {
    if (failure) return Promise.reject(failure);
    const id = ++nextId;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ id, ...message });
    });
  }

  /** query and exec as messages, handed to `send` (outside a transaction: straight to the worker). */
  const statementsVia = (send: <T>(message: Record<string, unknown>) => Promise<T>): PgliteStatements => ({
    query: (text, params, options) => send({ op: 'query', text, params, ...crossing(options) }),
    exec: (text) => send({ op: 'exec', text }),
  });

  // A transaction begins with its first statement, in the same message: one round trip
  // between the threads fewer for each transaction, which holds PGlite's connection meanwhile.
  let nextTx = 0;
  function openTransaction() {
    const tx = ++nextTx;
    let begun = false;
    let ended = false;
    const send = <T>(message: Record<string, unknown>): Promise<T> => {
      // A statement after the end (an unawaited one, a handle kept) must not begin a transaction nobody ends.
      if (ended) return Promise.reject(new Error('Transaction is closed'));
      const opening = begun ? {} : { begin: true };
      begun = true;
      return call<T>({ ...message, tx, ...opening });
    };
    const handle = statementsVia(send);
    const end = async (commit: boolean) => {
      ended = true;
      if (begun) await call({ op: 'end', tx, commit });
    };
    return { handle, end };
  }

  return {
    ...statementsVia(call),
    async transaction(fn) {
      const { handle, end } = openTransaction();
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        result = await fn(handle);
      } catch (error) {
        await end(false);
        throw error;
      }
      await end(true);
      return result;
    },
    async dumpDataDir() {
      return new Blob([await call<ArrayBuffer>({ op: 'dump' })]);
    },
    // Once: a second close (a failed start letting go of everything) waits for the first.
    close() {
      closing ??= (async () => {
        if (!failure) await call({ op: 'close' });
        failure ??= new Error('PGlite is closed');
        await worker.terminate();
      })();
      return closing;
    },
  };
}

/** Query options as data: parsers cannot cross threads, so only "leave the text as is" may. */
function crossing(options: PgliteQueryOptions | undefined): { rowMode?: string; rawTypes?: number[] } {
  if (!options) return {};
  const rawTypes = Object.entries(options.parsers ?? {}).map(([oid, parse]) => {
    if (parse('1', Number(oid)) !== '1') throw new Error(`only identity parsers reach the PGlite worker (type ${oid})`);
    return Number(oid);
  });
  return { rowMode: options.rowMode, rawTypes };
}

/** The worker's error as one of this thread, with PGlite's fields (code, constraint, detail…). */
function databaseError(fields: Record<string, unknown> & { message: string }): Error {
  return Object.assign(new Error(fields.message), fields);
}
