/**
 * The running server's local control socket: how `ari doctor`, `ari workspace …`
 * and the other commands reach a PGlite database that `ari serve` owns. It is a
 * Unix socket readable by the server's user only (mode 0600): that is its auth.
 */
import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { UserError } from '../core/user-error.js';
import type { ServiceContext } from '../context/service-context.js';
import { isOperationName, runOperation } from './operations.js';

export async function startControlServer(ctx: ServiceContext, socketPath: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.post<{ Params: { name: string }; Body: unknown }>('/operations/:name', async (request, reply) => {
    const { name } = request.params;
    if (!isOperationName(name))
      return reply.code(404).send({ error: { code: 'not_found', message: `no operation ${name}` } });
    try {
      return await runOperation(ctx, name, request.body as never);
    } catch (error) {
      if (error instanceof UserError) {
        return reply
          .code(error.status)
          .send({ error: { code: error.code, message: error.message, issues: error.issues } });
      }
      request.log.error(error);
      return reply.code(500).send({ error: { code: 'internal', message: (error as Error).message } });
    }
  });
  fs.rmSync(socketPath, { force: true }); // a stale socket of a dead server (we hold the lock)
  // The socket is created with mode 0600 (umask 0177 while it is made), not chmod-ed after
  // listen: between the two another local user could connect and run operations.
  const previousUmask = process.umask(0o177);
  try {
    await app.listen({ path: socketPath });
  } finally {
    process.umask(previousUmask);
  }
  return app;
}
