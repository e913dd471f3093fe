import type { FastifyInstance } from 'fastify';
import { migrationStatus } from '../db/migrations.js';
import type { ServiceContext } from '../context/service-context.js';

/** /healthz: the process is up. /readyz: the database answers and is migrated. */
export function registerHealthRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      const migrations = await migrationStatus(ctx.database);
      if (migrations.pending > 0) {
        return reply.code(503).send({ status: 'unavailable', reason: `${migrations.pending} migrations pending` });
      }
      return { status: 'ready', engine: ctx.database.engine, migrations: migrations.applied };
    } catch (error) {
      return reply
        .code(503)
        .send({ status: 'unavailable', reason: `database unreachable: ${(error as Error).message}` });
    }
  });
}
