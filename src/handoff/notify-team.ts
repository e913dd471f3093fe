/**
 * Tells the team about a handoff: a `notify` job (queued in the handoff's own
 * transaction) POSTs to ARI_NOTIFY_WEBHOOK_URL, signed the Standard Webhooks way:
 * `webhook-id`, `webhook-timestamp`, and `webhook-signature: v1,<base64 HMAC-SHA256
 * of "id.timestamp.body">`. Retried by the queue; the id stays the same across retries.
 */
import crypto from 'node:crypto';
import type { AriTransaction } from '../db/open-database.js';
import { QUEUES } from '../jobs/job-queue.js';
import type { ServiceContext } from '../service/service-context.js';

export interface HandoffNotice {
  id: string;
  type: 'conversation.handoff';
  timestamp: string;
  data: {
    workspace: { id: string; slug: string };
    conversationId: string;
    contact: { phone: string; name: string | null };
    reason: string;
    leadScore: number;
    leadTemperature: string;
  };
}

export async function queueHandoffNotice(ctx: ServiceContext, tx: AriTransaction, data: HandoffNotice['data']): Promise<void> {
  const notice: HandoffNotice = { id: `msg_${crypto.randomUUID()}`, type: 'conversation.handoff', timestamp: new Date().toISOString(), data };
  ctx.logger.info({ conversationId: data.conversationId, reason: data.reason }, 'handoff: the team is told');
  if (!ctx.config.notifyWebhookUrl) return;
  await ctx.jobs!.send(QUEUES.notify, notice, {}, tx);
}

export async function deliverHandoffNotice(ctx: ServiceContext, notice: HandoffNotice): Promise<void> {
  const url = ctx.config.notifyWebhookUrl;
  if (!url) return;
  const body = JSON.stringify(notice);
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signatureHeaders(notice.id, timestamp, body, ctx.config.notifyWebhookSecret) },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  // Anything but 2xx is retried by the queue (with backoff, up to its limit).
  if (!response.ok) throw new Error(`notify webhook answered ${response.status}`);
}

export function signatureHeaders(id: string, timestamp: string, body: string, secret: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'webhook-id': id, 'webhook-timestamp': timestamp };
  if (secret) {
    // "whsec_<base64>" secrets are base64 keys; any other string is used as it is.
    const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
    const signature = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
    headers['webhook-signature'] = `v1,${signature}`;
  }
  return headers;
}
