import type { FastifyInstance } from 'fastify';
import { migrationStatus } from '../db/migrations.js';
import type { ServiceContext } from '../context/service-context.js';

/**
 * /healthz: the process is up. /readyz: the database answers and is migrated.
 * Both are unauthenticated, so they say ready or not and nothing else: the reason (a
 * database error names hosts, users and paths) goes to the log, never to the caller.
 */
export function registerHealthRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      const migrations = await migrationStatus(ctx.database);
      if (migrations.pending === 0) return { status: 'ready' };
      ctx.logger.warn({ pending: migrations.pending }, 'not ready: migrations pending');
    } catch (error) {
      ctx.logger.warn({ err: { message: (error as Error).message } }, 'not ready: the database does not answer');
    }
    return reply.code(503).send({ status: 'not ready' });
  });
}
