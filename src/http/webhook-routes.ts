/**
 * The front door: POST /webhooks/kapso, GET/POST /webhooks/meta.
 * Signature over the raw bytes (401) → parse, each event on its own → one
 * transaction → 200. Events that cannot be used are stored as dead letters in that
 * same transaction, so one bad event never costs the good ones. 400 only when
 * nothing of the body can be read (not JSON, not an object); 413 over 1 MB; 500
 * when storage failed (nothing of the delivery was kept: the provider retries).
 */
import { constantTimeEqual } from '../core/constant-time-equal.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PayloadError, type ParsedDelivery } from '../channels/channel-event.js';
import { parseKapsoWebhook } from '../channels/kapso/parse-kapso-webhook.js';
import { parseMetaWebhook } from '../channels/meta/parse-meta-webhook.js';
import { isValidHmacSha256 } from '../channels/webhook-signature.js';
import { createIngestBatcher, type IngestBatcher } from '../conversations/ingest-batcher.js';
import { UserError } from '../core/user-error.js';
import type { ServiceContext } from '../context/service-context.js';

export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export function registerWebhookRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const batcher = createIngestBatcher(ctx);
  void app.register(async (scope) => {
    // Keep the exact bytes: signatures are computed over them, not over re-serialised JSON.
    scope.removeAllContentTypeParsers();
    scope.addHook('onResponse', async (request, reply) => {
      ctx.metrics.webhooks.inc({
        channel: request.url.startsWith('/webhooks/meta') ? 'meta' : 'kapso',
        status: String(reply.statusCode),
      });
    });
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );

    scope.post('/webhooks/kapso', async (request, reply) => {
      const raw = rawBody(request);
      if (!isValidHmacSha256(raw, ctx.config.webhooks.kapsoSecret, header(request, 'x-webhook-signature'))) {
        return reply.code(401).send({ error: 'invalid or missing X-Webhook-Signature' });
      }
      return handleDelivery(ctx, batcher, request, reply, raw, 'kapso', (body) => {
        const delivery = parseKapsoWebhook(body, header(request, 'x-webhook-event'));
        // Only the body is signed: a header naming another event is a relabelled replay or a misconfiguration.
        if (delivery.headerDisagrees)
          request.log.warn(
            { ...delivery.headerDisagrees, idempotencyKey: header(request, 'x-idempotency-key') },
            'X-Webhook-Event disagrees with the signed body; the body decides',
          );
        return delivery;
      });
    });

    scope.get('/webhooks/meta', async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const token = ctx.config.webhooks.metaVerifyToken;
      if (query['hub.mode'] === 'subscribe' && token && constantTimeEqual(query['hub.verify_token'] ?? '', token)) {
        return reply.type('text/plain').send(query['hub.challenge'] ?? '');
      }
      return reply.code(403).send({ error: 'verification failed' });
    });

    scope.post('/webhooks/meta', async (request, reply) => {
      const raw = rawBody(request);
      const signature = header(request, 'x-hub-signature-256');
      const hex = signature?.startsWith('sha256=') ? signature.slice(7) : undefined;
      if (!isValidHmacSha256(raw, ctx.config.webhooks.metaAppSecret, hex)) {
        return reply.code(401).send({ error: 'invalid or missing X-Hub-Signature-256' });
      }
      return handleDelivery(ctx, batcher, request, reply, raw, 'meta', (body) => parseMetaWebhook(body));
    });
  });
}

async function handleDelivery(
  _ctx: ServiceContext,
  batcher: IngestBatcher,
  request: FastifyRequest,
  reply: FastifyReply,
  raw: Buffer,
  channel: 'kapso' | 'meta',
  parse: (body: unknown) => ParsedDelivery,
) {
  let delivery: ParsedDelivery;
  try {
    delivery = parse(JSON.parse(raw.toString('utf8')));
  } catch (error) {
    if (error instanceof SyntaxError) return reply.code(400).send({ error: `malformed JSON: ${error.message}` });
    if (error instanceof PayloadError) return reply.code(400).send({ error: error.message });
    throw error;
  }
  try {
    const summary = await batcher.ingest([
      ...delivery.events.map(({ event, raw }) => ({ workspaceId: null, event, raw })),
      ...delivery.rejected.map((rejected) => ({ workspaceId: null, channel, rejected })),
    ]);
    const { messages: _stored, ...counts } = summary;
    return reply.send({ ok: true, events: delivery.events.length + delivery.rejected.length, ...counts });
  } catch (error) {
    if (error instanceof UserError) return reply.code(400).send({ error: error.message });
    request.log.error(
      { err: error, idempotencyKey: header(request, 'x-idempotency-key') },
      'webhook could not be stored',
    );
    return reply.code(500).send({ error: 'could not store the delivery; please retry' });
  }
}

function rawBody(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
