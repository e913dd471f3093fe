/**
 * Replies and ingests of the same customers, at once, on PostgreSQL. Every writer
 * takes its rows in one order: contacts (by id) before conversations, the reply's
 * commit as the ingest, and sends by provider id. PostgreSQL would otherwise find a
 * circle of waits after a second and abort one side: a webhook answered 500, a group
 * of deliveries stored again one by one, a reply job failed and retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKapsoWebhook } from '../src/channels/kapso/parse-kapso-webhook.js';
import { ingestChannelEvents } from '../src/conversations/ingest-channel-events.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ENGINES } from './support/test-database.js';
import { sleep, startTestService, type TestService } from './support/test-service.js';
import { waitForIdleQueues } from './support/wait-for-idle-queues.js';
import { KAPSO_SECRET, PHONE_ID, kapsoBatch, kapsoEvent, kapsoStatus, postKapso } from './support/webhook-payloads.js';

const CUSTOMERS = 8;
const ROUNDS = 12;
const DELIVERIES = 6;

describe.each(ENGINES.filter((engine) => engine === 'postgres'))('replies and ingests at once on %s', (engine) => {
  let fake: FakeWhatsApp;
  let service: TestService;
  const lines: string[] = [];

  beforeAll(async () => {
    fake = await startFakeWhatsApp();
    service = await startTestService(
      {
        KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
        KAPSO_API_KEY: 'kapso-project-key',
        KAPSO_API_BASE_URL: fake.baseUrl,
        // Due at once: every message's reply runs while the customer's next message comes in.
        ARI_DEBOUNCE_MS: '0',
        LOG_LEVEL: 'warn',
      },
      engine,
      { write: (line: string) => lines.push(line) },
    );
    await createWorkspace(service.ctx.database.db, { name: 'Locks', slug: 'locks', kapsoPhoneId: PHONE_ID });
  });
  afterAll(async () => {
    await service?.stopAll();
    await fake?.close();
  });

  it('stores every message and answers every customer without a deadlock', async () => {
    const statuses: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const posts = Array.from({ length: CUSTOMERS }, (_, c) =>
        postKapso(
          service.url,
          kapsoEvent({ id: `wamid.lock-${round}-${c}`, from: `+62819000000${c}`, text: `pesan ${round}` }),
        ).then((r) => statuses.push(r.status)),
      );
      await Promise.all(posts);
      await sleep(20 + (round % 3) * 15);
    }
    await waitForIdleQueues(service.ctx.database, { timeoutMs: 60_000 });

    // Nothing aborted: every webhook stored at once, no group of them failed, no reply job ran twice.
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(lines.filter((l) => /deadlock|40P01|failed|could not be stored/i.test(l))).toEqual([]);
    const retried = await service.ctx.database.query<{ name: string; state: string }>(
      `select name, state from pgboss.job where retry_count > 0 or state = 'failed'`,
    );
    expect(retried).toEqual([]);
    // And the work is whole: every message stored once, every one answered.
    const [inbound] = await service.ctx.database.query<{ n: number; unanswered: number }>(
      `select count(*)::int as n, count(*) filter (where answered_at is null)::int as unanswered
         from ari_messages where direction = 'inbound'`,
    );
    expect(inbound).toEqual({ n: CUSTOMERS * ROUNDS, unanswered: 0 });
  }, 120_000);

  it('stores deliveries naming the same customers and sends in different orders without a deadlock', async () => {
    // Straight into the ingest, as reconciliation and the webhook batcher's flushers call it, several at once.
    const ingest = (body: unknown, event: string) =>
      ingestChannelEvents(
        service.ctx,
        parseKapsoWebhook(body, event).events.map(({ event, raw }) => ({ workspaceId: null, event, raw })),
      ).then(
        () => null,
        (error: { cause?: { code?: string }; message?: string }) => error.cause?.code ?? error.message ?? 'error',
      );
    const sends = await service.ctx.database.query<{ id: string; provider_message_id: string; phone: string }>(
      `select m.id, m.provider_message_id, c.phone from ari_messages m
         join ari_conversations v on v.id = m.conversation_id join contacts c on c.id = v.contact_id
        where m.direction = 'outbound' and m.provider_message_id is not null`,
    );
    expect(sends.length).toBeGreaterThanOrEqual(CUSTOMERS);
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Each delivery names every known customer, the same new ones, and every send, each in its own order.
      const deliveries = Array.from({ length: DELIVERIES }, (_, d) => {
        const order = rotate(d, round);
        const messages = order(Array.from({ length: CUSTOMERS * 2 }, (_, c) => c)).map((c) =>
          kapsoEvent({
            id: `wamid.order-${round}-${d}-${c}`,
            from: c < CUSTOMERS ? `+62819000000${c}` : `+628191${String(round).padStart(2, '0')}000${c}`,
            text: `urutan ${round}`,
          }),
        );
        const statuses = order(sends).map((m) =>
          kapsoStatus({ providerMessageId: m.provider_message_id, to: m.phone.slice(1), callbackData: m.id }, 'read'),
        );
        return [
          ingest(kapsoBatch(messages), 'whatsapp.message.received'),
          ingest({ ...kapsoBatch(statuses), type: 'whatsapp.message.read' }, 'whatsapp.message.read'),
        ];
      });
      for (const failure of await Promise.all(deliveries.flat())) if (failure) failures.push(failure);
    }
    await waitForIdleQueues(service.ctx.database, { timeoutMs: 90_000 });

    expect(failures).toEqual([]);
    expect(lines.filter((l) => /deadlock|40P01|failed|could not be stored/i.test(l))).toEqual([]);
    const retried = await service.ctx.database.query(
      `select name, state from pgboss.job where retry_count > 0 or state = 'failed'`,
    );
    expect(retried).toEqual([]);
    // One contact per customer (the new ones created once, whoever came first), every message once, every send read.
    const [counts] = await service.ctx.database.query<{ contacts: number; messages: number; unread: number }>(
      `select (select count(*)::int from contacts) as contacts,
              (select count(*)::int from ari_messages where provider_message_id like 'wamid.order-%') as messages,
              (select count(*)::int from ari_messages where id = any($1::uuid[]) and status <> 'read') as unread`,
      [sends.map((m) => m.id)],
    );
    expect(counts).toEqual({
      contacts: CUSTOMERS + ROUNDS * CUSTOMERS,
      messages: ROUNDS * DELIVERIES * CUSTOMERS * 2,
      unread: 0,
    });
  }, 180_000);
});

/** The d-th delivery's order: a rotation, reversed for odd d, so deliveries disagree on who comes first. */
function rotate(d: number, round: number) {
  return <T>(items: T[]): T[] => {
    const k = (d * 3 + round) % Math.max(items.length, 1);
    const turned = [...items.slice(k), ...items.slice(0, k)];
    return d % 2 === 1 ? turned.reverse() : turned;
  };
}
