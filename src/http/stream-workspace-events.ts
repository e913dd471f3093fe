/**
 * Server-sent events for one workspace: each change signal is one `data:` line;
 * a comment every 15 s keeps proxies from closing an idle stream. The console
 * reads it with fetch (so the bearer token travels in a header, not the URL).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../context/service-context.js';

const HEARTBEAT_MS = 15_000;

export function streamWorkspaceEvents(
  ctx: ServiceContext,
  workspaceId: string,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
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
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  request.raw.on('close', close);
  res.on('error', close);
}
