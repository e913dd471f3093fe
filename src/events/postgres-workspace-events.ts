/**
 * Change signals across processes on PostgreSQL: publishing is a NOTIFY on the
 * ari_workspace_events channel, and every `ari serve` LISTENs on a connection of
 * its own and hands what arrives to its open consoles. So a console sees a change
 * whichever server (or `ari` command) made it. Losing the listening connection
 * loses no data: it reconnects, and screens re-read on their next change.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from '../db/open-database.js';
import { createWorkspaceEvents, type WorkspaceEvent, type WorkspaceEvents } from './workspace-events.js';

const CHANNEL = 'ari_workspace_events';
const RECONNECT_MS = 1000;

export interface ClosableWorkspaceEvents extends WorkspaceEvents {
  close(): Promise<void>;
}

export async function startPostgresWorkspaceEvents(
  database: Database,
  url: string,
  logger: Logger,
  options: { listen: boolean },
): Promise<ClosableWorkspaceEvents> {
  const local = createWorkspaceEvents();
  const pending = new Set<Promise<unknown>>();
  let listener: pg.Client | null = null;
  let closed = false;

  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (message) => {
      try {
        const { w, e } = JSON.parse(message.payload ?? '') as { w: string; e: WorkspaceEvent };
        local.publish(w, e);
      } catch {
        // Not ours; ignore.
      }
    });
    client.on('error', (error) => {
      logger.warn({ err: error }, 'the change-event connection failed; reconnecting');
      void client.end().catch(() => undefined);
      if (!closed) setTimeout(() => void listen().catch(() => undefined), RECONNECT_MS);
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    listener = client;
  };
  if (options.listen) await listen();

  return {
    publish(workspaceId, event) {
      const sent = database
        .query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify({ w: workspaceId, e: event })])
        .catch((error: unknown) => logger.warn({ err: error }, 'could not publish a change event'))
        .finally(() => pending.delete(sent));
      pending.add(sent);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      await Promise.all([...pending]);
      await listener?.end().catch(() => undefined);
    },
  };
}
