/**
 * Server-sent events for one workspace: each change signal is one `data:` line;
 * a comment every 15 s keeps proxies from closing an idle stream. The console
 * reads it with fetch (so the bearer token travels in a header, not the URL).
 * One key (or the admin token) holds at most ARI_MAX_STREAMS_PER_KEY streams at
 * once; one more is 429 — a leaked or looping client cannot pin the server.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../context/service-context.js';

const HEARTBEAT_MS = 15_000;

const openStreams = new WeakMap<ServiceContext, Map<string, number>>();
/** Every open stream's end, so a shutdown can end them: an open stream would keep the server from closing. */
const streamEnds = new WeakMap<ServiceContext, Set<() => void>>();

/** Ends every open event stream of this service (on shutdown; the console reconnects to another process). */
export function endEventStreams(ctx: ServiceContext): void {
  for (const end of streamEnds.get(ctx) ?? []) end();
}

export function streamWorkspaceEvents(
  ctx: ServiceContext,
  workspaceId: string,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply | undefined {
  let counts = openStreams.get(ctx);
  if (!counts) {
    counts = new Map();
    openStreams.set(ctx, counts);
  }
  const holder = request.principal.kind === 'admin' ? 'admin' : request.principal.keyId;
  const open = counts.get(holder) ?? 0;
  if (open >= ctx.config.maxStreamsPerKey) {
    return reply
      .code(429)
      .send({ error: `at most ${ctx.config.maxStreamsPerKey} event streams at once per key; close one first` });
  }
  counts.set(holder, open + 1);
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(': connected\n\n');
  const unsubscribe = ctx.events.subscribe(workspaceId, (event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    const left = (counts.get(holder) ?? 1) - 1;
    if (left > 0) counts.set(holder, left);
    else counts.delete(holder);
  };
  let ends = streamEnds.get(ctx);
  if (!ends) {
    ends = new Set();
    streamEnds.set(ctx, ends);
  }
  const end = () => {
    close();
    res.end();
  };
  ends.add(end);
  request.raw.on('close', () => {
    close();
    ends.delete(end);
  });
  res.on('error', close);
}
