/**
 * Backfill after an outage: Kapso retries a failed webhook only for a few minutes,
 * so every workspace's inbound history since the last reconciled point (minus a
 * margin) is read back, page by page, and stored through the same parser and
 * ingest path as webhooks. The unique provider message id makes every message ARI
 * already has cost nothing. The point moves only when a whole run succeeded; a
 * Kapso error leaves it where it was and is recorded with Kapso's own text.
 */
import { retryOnDeadlock } from '../db/retry-on-deadlock.js';
import { GraphApiError, WhatsAppClient } from '@kapso/whatsapp-cloud-api';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { splitVersion } from '../channels/cloud-api-sender.js';
import { parseKapsoWebhook } from '../channels/kapso/parse-kapso-webhook.js';
import { ingestChannelEvents, type IngestItem } from '../conversations/ingest-channel-events.js';
import { ariMessages, kapsoReconciliation, workspaces } from '../db/schema.js';
import { cloudApiCredentials } from '../channels/cloud-api-credentials.js';
import type { ServiceContext } from '../context/service-context.js';
import { settleUnknownSends } from './settle-unknown-sends.js';
import { toKapsoWebhookEvent } from './to-kapso-webhook-event.js';

/** Kapso pages of this many messages (its maximum may be lower; the cursor follows either way). */
const PAGE_SIZE = 100;
/** A never-reconciled number is read back no further than this (a first start must not flood the inbox). */
const FIRST_RUN_LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;

export interface ReconcileResult {
  phoneNumberId: string;
  workspaceId: string;
  ok: boolean;
  pages: number;
  /** Messages stored that no webhook had delivered. */
  recovered: number;
  /** Outbound messages of unknown outcome settled from the outbound history. */
  settled?: number;
  error?: string;
}

export async function reconcileKapsoHistory(ctx: ServiceContext): Promise<ReconcileResult[]> {
  const numbers = await ctx.database.db
    .select({
      workspaceId: workspaces.id,
      phoneNumberId: workspaces.kapsoPhoneId,
      createdAt: workspaces.createdAt,
      kapsoApiKeyCiphertext: workspaces.kapsoApiKeyCiphertext,
    })
    .from(workspaces)
    .where(isNotNull(workspaces.kapsoPhoneId));
  const results: ReconcileResult[] = [];
  for (const n of numbers) results.push(await reconcileNumber(ctx, { ...n, phoneNumberId: n.phoneNumberId! }));
  return results;
}

async function reconcileNumber(
  ctx: ServiceContext,
  n: { workspaceId: string; phoneNumberId: string; createdAt: Date; kapsoApiKeyCiphertext: string | null },
): Promise<ReconcileResult> {
  const { db } = ctx.database;
  const startedAt = new Date();
  const result: ReconcileResult = {
    phoneNumberId: n.phoneNumberId,
    workspaceId: n.workspaceId,
    ok: false,
    pages: 0,
    recovered: 0,
  };
  const [row] = await db
    .select()
    .from(kapsoReconciliation)
    .where(eq(kapsoReconciliation.phoneNumberId, n.phoneNumberId))
    .limit(1);
  // The number moved to another workspace: its point starts over there.
  const point =
    row && row.workspaceId === n.workspaceId
      ? row.reconciledUntil
      : new Date(Math.max(n.createdAt.getTime(), startedAt.getTime() - FIRST_RUN_LOOKBACK_MS));
  const since = new Date(point.getTime() - ctx.config.reconcileMarginMs);
  try {
    const client = kapsoClient(ctx, { id: n.workspaceId, kapsoApiKeyCiphertext: n.kapsoApiKeyCiphertext });
    let after: string | undefined;
    for (;;) {
      const page = await client.messages.query({
        phoneNumberId: n.phoneNumberId,
        direction: 'inbound',
        since: since.toISOString(),
        fields: 'kapso(default)',
        limit: PAGE_SIZE,
        ...(after ? { after } : {}),
      });
      result.pages++;
      const items = page.data ?? [];
      const known = await storedIds(
        ctx,
        n.workspaceId,
        items.map((m) => m.id),
      );
      const missed = items.filter((m) => !known.has(m.id));
      if (missed.length > 0) {
        const delivery = parseKapsoWebhook(
          {
            type: 'whatsapp.message.received',
            batch: true,
            data: missed.map((m) => toKapsoWebhookEvent(m, n.phoneNumberId)),
          },
          'whatsapp.message.received',
        );
        const ingest: IngestItem[] = [
          ...delivery.rejected.map((rejected) => ({ workspaceId: null, channel: 'kapso' as const, rejected })),
          ...delivery.events.map(({ event, raw }) => ({ workspaceId: null, event, raw, recovered: true })),
        ];
        // A few rare writes (an identity change in a webhook, a username moving) still lock a contact
        // out of order; this ingest is one transaction, so running it again is safe.
        const summary = await retryOnDeadlock(
          () => ingestChannelEvents(ctx, ingest),
          (err, attempt) =>
            ctx.logger.warn({ err, attempt }, 'reconciliation ingest aborted by the database: running it again'),
        );
        result.recovered += summary.stored;
      }
      const next = page.paging?.cursors?.after;
      if (!next || !page.paging?.next || items.length === 0 || next === after) break;
      after = next;
    }
    result.settled = await settleUnknownSends(ctx, client, n, ctx.config.reconcileMarginMs);
    result.ok = true;
  } catch (error) {
    result.error = describeKapsoError(error);
  }
  await recordRun(ctx, n, startedAt, point, result);
  return result;
}

/** What ARI already has of a page: a message stored by its webhook is not written again. */
async function storedIds(ctx: ServiceContext, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await ctx.database.db
    .select({ id: ariMessages.providerMessageId })
    .from(ariMessages)
    .where(and(eq(ariMessages.workspaceId, workspaceId), inArray(ariMessages.providerMessageId, ids)));
  return new Set(rows.map((r) => r.id!));
}

/** The outcome of a run, in the table and the metrics; a failure leaves the point where it was. */
async function recordRun(
  ctx: ServiceContext,
  n: { workspaceId: string; phoneNumberId: string },
  startedAt: Date,
  point: Date,
  result: ReconcileResult,
): Promise<void> {
  const success = {
    reconciledUntil: startedAt,
    lastRunAt: startedAt,
    lastSuccessAt: startedAt,
    failingSince: null,
    lastError: null,
    recoveredTotal: sql`${kapsoReconciliation.recoveredTotal} + ${result.recovered}`,
  };
  const failure = {
    lastRunAt: startedAt,
    failingSince: sql`coalesce(${kapsoReconciliation.failingSince}, ${startedAt.toISOString()}::timestamptz)`,
    lastError: result.error ?? 'unknown error',
    recoveredTotal: sql`${kapsoReconciliation.recoveredTotal} + ${result.recovered}`,
  };
  await ctx.database.db
    .insert(kapsoReconciliation)
    .values({
      phoneNumberId: n.phoneNumberId,
      workspaceId: n.workspaceId,
      reconciledUntil: result.ok ? startedAt : point,
      lastRunAt: startedAt,
      lastSuccessAt: result.ok ? startedAt : null,
      failingSince: result.ok ? null : startedAt,
      lastError: result.ok ? null : (result.error ?? 'unknown error'),
      recoveredTotal: result.recovered,
    })
    .onConflictDoUpdate({
      target: kapsoReconciliation.phoneNumberId,
      set: result.ok ? { ...success, workspaceId: n.workspaceId } : failure,
    });
  if (result.recovered > 0) ctx.metrics.reconcileRecovered.inc({ phone_number_id: n.phoneNumberId }, result.recovered);
  ctx.metrics.reconcileRuns.inc({ phone_number_id: n.phoneNumberId, result: result.ok ? 'ok' : 'error' });
  if (result.ok) ctx.metrics.reconcileLastSuccess.set({ phone_number_id: n.phoneNumberId }, startedAt.getTime() / 1000);
  if (result.ok)
    ctx.logger.info(
      { phoneNumberId: n.phoneNumberId, pages: result.pages, recovered: result.recovered },
      'kapso history reconciled',
    );
  else ctx.logger.warn({ phoneNumberId: n.phoneNumberId, error: result.error }, 'kapso history reconciliation failed');
}

function kapsoClient(
  ctx: ServiceContext,
  workspace: { id: string; kapsoApiKeyCiphertext: string | null },
): WhatsAppClient {
  // The same credentials the sender uses: the workspace's sealed key, else the deployment's.
  const credentials = cloudApiCredentials(ctx.config, 'kapso', workspace);
  if ('missing' in credentials) throw new Error(credentials.missing);
  const apiKey = 'kapsoApiKey' in credentials.auth ? credentials.auth.kapsoApiKey : '';
  const { base, version } = splitVersion(credentials.baseUrl);
  return new WhatsAppClient({
    baseUrl: base,
    graphVersion: version,
    kapsoApiKey: apiKey,
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(30_000) }),
  });
}

/** Kapso's own words: `{"error":"…","message":"…"}` or Meta's `{"error":{"message":…}}`. */
function describeKapsoError(error: unknown): string {
  if (error instanceof GraphApiError) {
    const raw = error.raw as { error?: unknown; message?: unknown } | undefined;
    const own = [
      typeof raw?.error === 'string' ? raw.error : error.message,
      typeof raw?.message === 'string' ? raw.message : null,
    ]
      .filter((t, i, all): t is string => typeof t === 'string' && t !== '' && all.indexOf(t) === i)
      .join(': ');
    return `Kapso answered ${error.httpStatus}: ${own || error.message}`;
  }
  const e = error as Error & { cause?: Error };
  if (e.name === 'TimeoutError') return 'Kapso did not answer in time';
  // A database error's own text, not drizzle's "Failed query: <sql>".
  return e.cause?.message ?? e.message;
}
