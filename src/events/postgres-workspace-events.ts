/**
 * Change signals across processes on PostgreSQL: publishing is a NOTIFY on the
 * ari_workspace_events channel, and every `ari serve` LISTENs on a connection of
 * its own and hands what arrives to its open consoles. So a console sees a change
 * whichever server (or `ari` command) made it. Losing the listening connection
 * loses no data: it reconnects, and screens re-read on their next change.
 *
 * Signals are gathered for a few milliseconds and sent as one statement, each distinct
 * signal once: at 1,000 messages a second, one NOTIFY per signal was a quarter of every
 * statement ARI sent to PostgreSQL, and a console re-reads the same for one signal as for five.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from '../db/open-database.js';
import { createWorkspaceEvents, type WorkspaceEvent, type WorkspaceEvents } from './workspace-events.js';

const CHANNEL = 'ari_workspace_events';
const RECONNECT_MS = 1000;
/** How long signals gather before they go out together: far below what a person at a console notices. */
const GATHER_MS = 10;
const NOTIFY_ALL = 'select pg_notify($1, payload) from unnest($2::text[]) as payload';

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

  // Payloads in publishing order; a Set keeps each distinct signal once.
  let gathered = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  const send = () => {
    timer = null;
    const payloads = [...gathered];
    gathered = new Set();
    if (payloads.length === 0) return;
    const sent = database
      .query(NOTIFY_ALL, [CHANNEL, payloads])
      .catch((error: unknown) =>
        logger.warn({ err: error, signals: payloads.length }, 'could not publish change events'),
      )
      .finally(() => pending.delete(sent));
    pending.add(sent);
  };

  return {
    publish(workspaceId, event) {
      gathered.add(JSON.stringify({ w: workspaceId, e: event }));
      timer ??= setTimeout(send, GATHER_MS);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      // What was published before close still goes out (an `ari` command's changes, say).
      if (timer) clearTimeout(timer);
      send();
      await Promise.all([...pending]);
      await listener?.end().catch(() => undefined);
    },
  };
}
