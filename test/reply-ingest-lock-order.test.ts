/**
 * Replies and ingests of the same customers, at once, on PostgreSQL: the ingest
 * locks the contact and then the conversation, and the reply's commit takes them
 * in the same order, so neither waits for the other in a circle. PostgreSQL would
 * otherwise find the deadlock after a second and abort one side: a webhook answered
 * 500 or a reply job failed and retried, each a second's stall.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ENGINES } from './support/test-database.js';
import { sleep, startTestService, type TestService } from './support/test-service.js';
import { waitForIdleQueues } from './support/wait-for-idle-queues.js';
import { KAPSO_SECRET, PHONE_ID, kapsoEvent, postKapso } from './support/webhook-payloads.js';

const CUSTOMERS = 8;
const ROUNDS = 12;

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
});
