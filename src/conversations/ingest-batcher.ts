/**
 * Group commit for webhooks. Deliveries that arrive while a transaction is
 * running wait for the next one, which stores them all together: one commit (one
 * fsync on PostgreSQL, one turn of PGlite's single connection) for many requests.
 * Each delivery still gets its own answer, and is only answered after its commit.
 * If a group fails, each delivery is retried alone, so one bad apple spoils only itself.
 */
import type { ServiceContext } from '../context/service-context.js';
import {
  afterCommit,
  ingestPrepared,
  prepareEvents,
  summarize,
  type EventOutcome,
  type IngestItem,
  type IngestSummary,
  type PreparedEvent,
} from './ingest-channel-events.js';

interface Pending {
  events: PreparedEvent[];
  resolve(summary: IngestSummary): void;
  reject(error: unknown): void;
}

/** Keeps one transaction's size bounded under a flood. */
const MAX_EVENTS_PER_GROUP = 500;

export interface IngestBatcher {
  ingest(events: IngestItem[]): Promise<IngestSummary>;
}

export function createIngestBatcher(ctx: ServiceContext): IngestBatcher {
  const queue: Pending[] = [];
  // PostgreSQL commits groups on several connections at once; PGlite has one connection.
  const maxFlushers = ctx.database.engine === 'postgres' ? 4 : 1;
  let flushers = 0;

  async function flush(): Promise<void> {
    flushers++;
    try {
      while (queue.length > 0) {
        // PGlite runs queries synchronously (WASM): without a turn of the event loop here,
        // requests that arrived meanwhile would not even be read before the next commit.
        await new Promise((resolve) => setImmediate(resolve));
        const group: Pending[] = [];
        let size = 0;
        while (queue.length > 0 && (group.length === 0 || size + queue[0]!.events.length <= MAX_EVENTS_PER_GROUP)) {
          const next = queue.shift()!;
          group.push(next);
          size += next.events.length;
        }
        await commitGroup(group);
      }
    } finally {
      flushers--;
    }
  }

  async function commitGroup(group: Pending[]): Promise<void> {
    const all = group.flatMap((p) => p.events);
    let outcomes: EventOutcome[];
    try {
      // Urgent: a webhook waits for this commit; reply turns and job fetches can wait for it.
      outcomes = await ctx.database.urgent(() => ctx.database.db.transaction((tx) => ingestPrepared(ctx, tx, all)));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      // Said, not swallowed: a group failing (a deadlock, say) is a fault to find, even when each delivery then stores.
      ctx.logger.warn(
        { err: error, deliveries: group.length },
        'grouped webhook deliveries failed: storing each alone',
      );
      for (const pending of group) await commitGroup([pending]);
      return;
    }
    afterCommit(ctx, outcomes);
    let offset = 0;
    for (const pending of group) {
      pending.resolve(summarize(outcomes.slice(offset, offset + pending.events.length)));
      offset += pending.events.length;
    }
  }

  return {
    ingest(events) {
      if (events.length === 0) return Promise.resolve(summarize([]));
      let prepared: PreparedEvent[];
      try {
        prepared = prepareEvents(events);
      } catch (error) {
        return Promise.reject(error);
      }
      return new Promise<IngestSummary>((resolve, reject) => {
        queue.push({ events: prepared, resolve, reject });
        if (flushers < maxFlushers) void flush();
      });
    },
  };
}
