/**
 * Tells the team about a handoff, a booking or a budget alert: a `notify` job (queued in the
 * transaction that decided it) POSTs to ARI_NOTIFY_WEBHOOK_URL, signed the Standard Webhooks way:
 * `webhook-id`, `webhook-timestamp`, and `webhook-signature: v1,<base64 HMAC-SHA256
 * of "id.timestamp.body">`. Retried by the queue; the id stays the same across retries.
 */
import crypto from 'node:crypto';
import type { AriTransaction } from '../db/open-database.js';
import { QUEUES } from '../jobs/queue-names.js';
import type { ServiceContext } from '../context/service-context.js';

export interface NoticeTypes {
  'conversation.handoff': {
    workspace: { id: string; slug: string };
    conversationId: string;
    contact: { phone: string | null; name: string | null };
    reason: string;
    leadScore: number;
    leadTemperature: string;
  };
  'booking.created': BookingNotice;
  'booking.rescheduled': BookingNotice & { previous: { id: string; startsAt: string; endsAt: string } };
  'booking.cancelled': BookingNotice;
  'budget.alert': {
    workspace: { id: string; slug: string };
    period: 'month' | 'day';
    periodStart: string;
    percent: number;
    limitUsd: string;
    spentUsd: string;
  };
}

/** A booking as the team's webhook tells it; times are ISO instants (UTC), `timezone` is the workspace's. */
export interface BookingNotice {
  workspace: { id: string; slug: string; timezone: string };
  booking: {
    id: string;
    status: string;
    startsAt: string;
    endsAt: string;
    resource: { id: string; name: string; location: string };
    conversationId: string | null;
  };
  contact: { id: string; phone: string | null; username: string | null; name: string | null };
}

export interface TeamNotice<K extends keyof NoticeTypes = keyof NoticeTypes> {
  id: string;
  type: K;
  timestamp: string;
  data: NoticeTypes[K];
}

export async function queueTeamNotice<K extends keyof NoticeTypes>(
  ctx: ServiceContext,
  tx: AriTransaction,
  type: K,
  data: NoticeTypes[K],
): Promise<void> {
  if (!ctx.config.notifyWebhookUrl) return;
  const notice: TeamNotice<K> = { id: `msg_${crypto.randomUUID()}`, type, timestamp: new Date().toISOString(), data };
  await ctx.jobs.send(QUEUES.notify, notice, {}, tx);
}

export async function queueHandoffNotice(
  ctx: ServiceContext,
  tx: AriTransaction,
  data: NoticeTypes['conversation.handoff'],
): Promise<void> {
  ctx.logger.info({ conversationId: data.conversationId, reason: data.reason }, 'handoff: the team is told');
  await queueTeamNotice(ctx, tx, 'conversation.handoff', data);
}

export async function deliverTeamNotice(ctx: ServiceContext, notice: TeamNotice): Promise<void> {
  const url = ctx.config.notifyWebhookUrl;
  if (!url) return;
  const body = JSON.stringify(notice);
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signatureHeaders(notice.id, timestamp, body, ctx.config.notifyWebhookSecret),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  // Anything but 2xx is retried by the queue (with backoff, up to its limit).
  if (!response.ok) throw new Error(`notify webhook answered ${response.status}`);
}

export function signatureHeaders(
  id: string,
  timestamp: string,
  body: string,
  secret: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = { 'webhook-id': id, 'webhook-timestamp': timestamp };
  if (secret) {
    // "whsec_<base64>" secrets are base64 keys; any other string is used as it is.
    const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
    const signature = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
    headers['webhook-signature'] = `v1,${signature}`;
  }
  return headers;
}
