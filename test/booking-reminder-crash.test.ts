/**
 * A booking reminder is sent at most once across a crash: a real `ari serve` claims the due
 * reminder (reminder `queued` + its template in the outbox, one transaction), the provider
 * takes the send but holds its answer, and the process is SIGKILLed. After the restart the
 * provider's status webhook proves the send: the provider counts ONE template request, and
 * the reminder is not queued again.
 */
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { bookSlot } from '../src/booking/book-slot.js';
import { bookingEffects } from '../src/booking/booking-effects.js';
import { loadConfig } from '../src/config/config.js';
import type { ServiceContext } from '../src/context/service-context.js';
import { applyMigrations } from '../src/db/migrations.js';
import { openDatabase, type DatabaseTarget } from '../src/db/open-database.js';
import { ariMessages, bookingReminders } from '../src/db/schema.js';
import { createWorkspaceEvents } from '../src/events/workspace-events.js';
import { startJobQueue } from '../src/jobs/job-queue.js';
import { createLogger } from '../src/logging/create-logger.js';
import { createServiceMetrics } from '../src/metrics/service-metrics.js';
import { startFakeWhatsApp } from './support/fake-whatsapp.js';
import { createReminderFixture, wholeHourAfter } from './support/reminder-fixture.js';
import { ariEnv, startAri, type RunningAri } from './support/run-ari.js';
import { createPostgresDatabase, ENGINES, freshDataDir } from './support/test-database.js';
import { eventually, sleep } from './support/test-service.js';
import { KAPSO_SECRET, PHONE_ID, kapsoStatus, postKapso } from './support/webhook-payloads.js';

const HOUR = 3_600_000;
const CONFIRM_WINDOW_MS = 4000;

describe.each(ENGINES)('a booking reminder across a SIGKILL on %s', (engine) => {
  const servers: RunningAri[] = [];
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    for (const drop of drops) await drop();
  });

  async function storage(): Promise<{ env: Record<string, string>; target: DatabaseTarget }> {
    if (engine === 'postgres') {
      const pg = await createPostgresDatabase();
      drops.push(pg.drop);
      return { env: { DATABASE_URL: pg.url }, target: { engine: 'postgres', url: pg.url } };
    }
    const dataDir = freshDataDir();
    return { env: { ARI_DATA_DIR: dataDir }, target: { engine: 'pglite', dataDir: path.join(dataDir, 'pglite') } };
  }

  it('killed between its claim and the provider answer, it is sent once', async () => {
    const provider = await startFakeWhatsApp();
    try {
      const { env: where, target } = await storage();
      const env = ariEnv({
        ...where,
        ARI_DEMO: '0',
        KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
        KAPSO_API_KEY: 'kapso-project-key',
        KAPSO_API_BASE_URL: provider.baseUrl,
        ARI_SEND_TIMEOUT_MS: '3000',
        ARI_SEND_CONFIRM_WINDOW_MS: String(CONFIRM_WINDOW_MS),
      });

      // Before any server runs: a customer outside the 24-hour window, booked yesterday for the
      // next hour, the workspace's template set; its 90-minute reminder is due now.
      const database = await openDatabase(target);
      let reminderId: string;
      let conversationId: string;
      try {
        await applyMigrations(database, target);
        const jobs = await startJobQueue(database, { supervise: false });
        try {
          const config = loadConfig({ ...where, ARI_DEMO: '0' });
          const ctx: ServiceContext = {
            config,
            database,
            target,
            logger: createLogger({ logLevel: 'silent' }),
            jobs,
            metrics: createServiceMetrics(),
            events: createWorkspaceEvents(),
            prices: [],
          };
          const fixture = await createReminderFixture(database.db, {
            slug: 'reminder-crash',
            phoneNumberId: PHONE_ID,
            phone: '+6281390000001',
            lastInboundAt: new Date(Date.now() - 3 * 24 * HOUR),
            settings: {
              offsetsMinutes: [90],
              template: { name: 'booking_reminder', language: 'id', bodyParameters: ['name', 'date', 'time'] },
            },
          });
          conversationId = fixture.conversationId;
          const startsAt = wholeHourAfter(new Date(), 10);
          const madeAt = new Date(startsAt.getTime() - 26 * HOUR);
          const outcome = await bookSlot(
            database.db,
            {
              workspaceId: fixture.workspaceId,
              resourceId: fixture.resourceId,
              contactId: fixture.contactId,
              conversationId: fixture.conversationId,
              startsAt,
            },
            { now: madeAt, effects: bookingEffects(ctx, { now: madeAt }) },
          );
          if (outcome.status !== 'booked') throw new Error('the slot was taken');
          const [reminder] = await database.db
            .select()
            .from(bookingReminders)
            .where(eq(bookingReminders.bookingId, outcome.booking.id));
          expect(reminder?.status).toBe('scheduled');
          reminderId = reminder!.id;
        } finally {
          await jobs.stop();
        }
      } finally {
        await database.close();
      }

      // The provider takes the template but holds its answer: the process dies waiting for it.
      provider.script({ status: 200, body: undefined, stallMs: 60_000 });
      const first = await startAri(env);
      servers.push(first);
      await eventually(() => provider.templates().length === 1, 30_000, 'the template request');
      await first.stop('SIGKILL');
      provider.unscript();
      expect(provider.accepted).toHaveLength(1);
      const taken = provider.accepted[0]!;

      const second = await startAri(env);
      servers.push(second);
      // Kapso retries the status webhook the dead process never answered.
      const status = await postKapso(second.url, kapsoStatus(taken), 'whatsapp.message.sent');
      expect(status.status).toBe(200);
      // Past the confirmation window, when an unproven send would go out once more.
      await sleep(CONFIRM_WINDOW_MS + 3000);
      expect(await second.stop()).toBe(0);

      expect(provider.templates()).toHaveLength(1);
      expect(provider.templates()[0]!.body).toMatchObject({
        type: 'template',
        template: { name: 'booking_reminder', language: { code: 'id' } },
      });
      const after = await openDatabase(target);
      try {
        const [reminder] = await after.db.select().from(bookingReminders).where(eq(bookingReminders.id, reminderId));
        const outbound = await after.db
          .select()
          .from(ariMessages)
          .where(and(eq(ariMessages.conversationId, conversationId), eq(ariMessages.direction, 'outbound')));
        expect(outbound).toHaveLength(1);
        expect(outbound[0]).toMatchObject({
          type: 'template',
          status: 'sent',
          providerMessageId: taken.providerMessageId,
          resentAt: null,
        });
        expect(reminder).toMatchObject({ status: 'queued', messageId: outbound[0]!.id });
      } finally {
        await after.close();
      }
    } finally {
      await provider.close();
    }
    // Two server starts on a loaded 2-core machine.
  }, 180_000);
});
