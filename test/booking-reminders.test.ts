/**
 * Booking reminders on PGlite and PostgreSQL, through a running service (its workers, the
 * outbox, a fake Kapso): rows made with the booking and cancelled with it or its old time;
 * inside the 24-hour window a text reminder reaches the provider once, however often its job
 * runs; outside it the approved template goes out, or the reminder is skipped with the reason.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookSlot } from '../src/booking/book-slot.js';
import type { Booking } from '../src/booking/booking.js';
import { bookingEffects } from '../src/booking/booking-effects.js';
import { cancelBooking } from '../src/booking/cancel-booking.js';
import { rescheduleBooking } from '../src/booking/reschedule-booking.js';
import { NO_TEMPLATE_REASON, sendBookingReminder } from '../src/booking/send-booking-reminder.js';
import { sweepDueReminders } from '../src/booking/sweep-due-reminders.js';
import type { ServiceContext } from '../src/context/service-context.js';
import type { BookingReminderSettings } from '../src/core/assistant-settings.js';
import type { AriDatabase } from '../src/db/open-database.js';
import { ariConfig, ariMessages, bookingReminders, contacts } from '../src/db/schema.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import {
  createReminderFixture,
  jakartaReading,
  REMINDER_LOCATION,
  type ReminderFixture,
  wholeHourAfter,
} from './support/reminder-fixture.js';
import { ENGINES } from './support/test-database.js';
import { eventually, sleep, startTestService, type TestService } from './support/test-service.js';

const ADMIN = 'reminders-admin-token-0123456789abcdef';
const HOUR = 3_600_000;
const TEMPLATE = {
  name: 'booking_reminder',
  language: 'id',
  bodyParameters: ['name', 'date', 'time', 'resource', 'location'],
} as const;

describe.each(ENGINES)('booking reminders on %s', (engine) => {
  let fake: FakeWhatsApp;
  let service: TestService;
  let ctx: ServiceContext;
  let db: AriDatabase;
  let n = 0;

  beforeAll(async () => {
    fake = await startFakeWhatsApp();
    service = await startTestService(
      { ARI_ADMIN_TOKEN: ADMIN, KAPSO_API_KEY: 'kapso-project-key', KAPSO_API_BASE_URL: fake.baseUrl },
      engine,
    );
    ctx = service.ctx;
    db = ctx.database.db;
  });
  afterAll(async () => {
    await service?.stopAll();
    await fake?.close();
  });

  /** A customer whose last message was `inboundAgo` ms ago (under 24 h: the window is open). */
  async function customer(
    inboundAgo: number,
    options: { settings?: BookingReminderSettings; language?: 'id' | 'en' } = {},
  ): Promise<ReminderFixture> {
    const i = ++n;
    return createReminderFixture(db, {
      slug: `reminders-${engine}-${i}`,
      phoneNumberId: `3100000${String(i).padStart(4, '0')}`,
      phone: `+628131000${String(i).padStart(4, '0')}`,
      lastInboundAt: new Date(Date.now() - inboundAgo),
      ...options,
    });
  }

  /** Books `startsAt` as the customer did at `madeAt`, with the effects every real caller passes. */
  async function book(fixture: ReminderFixture, startsAt: Date, madeAt = new Date()): Promise<Booking> {
    const outcome = await bookSlot(
      db,
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
    return outcome.booking;
  }

  /**
   * A booking made yesterday for the next hour or so, with one reminder 90 minutes before:
   * that reminder is due now, so the service's worker sends it at once.
   */
  async function bookWithDueReminder(fixture: ReminderFixture): Promise<Booking> {
    const startsAt = wholeHourAfter(new Date(), 10);
    return book(fixture, startsAt, new Date(startsAt.getTime() - 26 * HOUR));
  }

  const remindersOf = (bookingId: string) =>
    db.select().from(bookingReminders).where(eq(bookingReminders.bookingId, bookingId));
  const outboundOf = (conversationId: string) =>
    db
      .select()
      .from(ariMessages)
      .where(and(eq(ariMessages.conversationId, conversationId), eq(ariMessages.direction, 'outbound')));
  const requestsTo = (fixture: ReminderFixture) =>
    fake.requests.filter((r) => r.body.to === fixture.phone.slice(1) && r.body.type !== undefined);

  it('makes a reminder per offset with the booking; cancelling or moving it cancels those not sent', async () => {
    const fixture = await customer(HOUR, { settings: { offsetsMinutes: [1440, 60, 5], template: null } });
    const startsAt = wholeHourAfter(new Date(), 120);
    const first = await book(fixture, startsAt);
    const rows = await remindersOf(first.id);
    const byOffset = new Map(rows.map((r) => [r.offsetMinutes, r]));
    expect(rows).toHaveLength(3);
    // The day-before time had passed when the customer booked: recorded, never sent.
    expect(byOffset.get(1440)).toMatchObject({
      status: 'skipped',
      reason: 'booked less than 24 hours before the start',
    });
    for (const offset of [60, 5]) {
      const reminder = byOffset.get(offset)!;
      expect(reminder).toMatchObject({ status: 'scheduled', reason: null, messageId: null });
      expect(reminder.dueAt.getTime()).toBe(startsAt.getTime() - offset * 60_000);
      // Its job was queued in the booking's transaction, due at the reminder's time.
      const jobs = await ctx.database.query<{ start_after: Date }>(
        `select start_after from pgboss.job where name = 'booking-reminder' and singleton_key = $1`,
        [reminder.id],
      );
      expect(jobs).toHaveLength(1);
      expect(new Date(jobs[0]!.start_after).getTime()).toBe(reminder.dueAt.getTime());
    }

    // Run early (by hand): nothing is sent before its time, its one waiting job is kept.
    const early = byOffset.get(60)!;
    expect(await sendBookingReminder(ctx, { workspaceId: fixture.workspaceId, reminderId: early.id })).toBe('not_due');
    expect((await remindersOf(first.id)).find((r) => r.id === early.id)?.status).toBe('scheduled');
    const waiting = await ctx.database.query(
      `select id from pgboss.job where name = 'booking-reminder' and singleton_key = $1 and state = 'created'`,
      [early.id],
    );
    expect(waiting).toHaveLength(1);

    const movedTo = new Date(startsAt.getTime() + HOUR);
    const outcome = await rescheduleBooking(
      db,
      { workspaceId: fixture.workspaceId, bookingId: first.id, startsAt: movedTo },
      { effects: bookingEffects(ctx) },
    );
    if (outcome.status !== 'booked') throw new Error('the move failed');
    const old = new Map((await remindersOf(first.id)).map((r) => [r.offsetMinutes, r]));
    expect(old.get(1440)?.status).toBe('skipped');
    for (const offset of [60, 5])
      expect(old.get(offset)).toMatchObject({
        status: 'cancelled',
        reason: `the booking was moved to ${movedTo.toISOString()}`,
      });
    const moved = await remindersOf(outcome.booking.id);
    expect(moved.map((r) => [r.offsetMinutes, r.status]).sort()).toEqual([
      [1440, 'skipped'],
      [5, 'scheduled'],
      [60, 'scheduled'],
    ]);

    await cancelBooking(
      db,
      { workspaceId: fixture.workspaceId, bookingId: outcome.booking.id },
      { effects: bookingEffects(ctx) },
    );
    for (const reminder of await remindersOf(outcome.booking.id))
      if (reminder.offsetMinutes !== 1440)
        expect(reminder).toMatchObject({ status: 'cancelled', reason: 'the booking was cancelled' });
    expect(await outboundOf(fixture.conversationId)).toHaveLength(0);
  });

  it('inside the window: one text reminder in the customer language, however often its job runs', async () => {
    const fixture = await customer(HOUR, { settings: { offsetsMinutes: [90], template: null }, language: 'en' });
    const booking = await bookWithDueReminder(fixture);
    const [reminder] = await remindersOf(booking.id);
    expect(reminder?.status).toBe('scheduled');
    // The worker got the job too: three runs at once, one message.
    const job = { workspaceId: fixture.workspaceId, reminderId: reminder!.id };
    const outcomes = await Promise.all([sendBookingReminder(ctx, job), sendBookingReminder(ctx, job)]);
    expect(outcomes.filter((o) => o === 'queued').length).toBeLessThanOrEqual(1);
    expect(outcomes.every((o) => o === 'queued' || o === 'already_done')).toBe(true);

    const [sent] = await eventually(
      async () => {
        const rows = await outboundOf(fixture.conversationId);
        return rows[0]?.status === 'sent' ? rows : null;
      },
      20_000,
      'the reminder sent',
    );
    expect(await sendBookingReminder(ctx, job)).toBe('already_done');
    const [queued] = await remindersOf(booking.id);
    expect(queued).toMatchObject({ status: 'queued', messageId: sent!.id, reason: null });
    expect(sent).toMatchObject({ role: 'system', type: 'text' });

    const { day, time } = jakartaReading(booking.startsAt, 'en');
    expect(sent!.content).toContain(`Hi Budi, a reminder of your appointment with Konsultan Dewi: ${day}, ${time}.`);
    expect(sent!.content).toContain(`Where: ${REMINDER_LOCATION}`);
    // What the provider received, once.
    await sleep(500);
    const requests = requestsTo(fixture);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.body).toMatchObject({ type: 'text', text: { body: sent!.content } });
    expect(await outboundOf(fixture.conversationId)).toHaveLength(1);
  });

  it('outside the window: the approved template with its body parameters, set through the API', async () => {
    const fixture = await customer(3 * 24 * HOUR);
    const put = await fetch(`${service.url}/api/v1/workspaces/${fixture.slug}/assistant`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ bookingReminders: { offsetsMinutes: [90], template: TEMPLATE } }),
    });
    expect(put.status).toBe(200);
    const booking = await bookWithDueReminder(fixture);

    const request = await eventually(() => requestsTo(fixture)[0], 20_000, 'the template request');
    const { day, time } = jakartaReading(booking.startsAt, 'id');
    expect(request.body).toMatchObject({
      messaging_product: 'whatsapp',
      to: fixture.phone.slice(1),
      type: 'template',
      template: {
        name: 'booking_reminder',
        language: { code: 'id' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Budi' },
              { type: 'text', text: day },
              { type: 'text', text: time },
              { type: 'text', text: 'Konsultan Dewi' },
              { type: 'text', text: REMINDER_LOCATION },
            ],
          },
        ],
      },
    });
    const [message] = await eventually(
      async () => {
        const rows = await outboundOf(fixture.conversationId);
        return rows[0]?.status === 'sent' ? rows : null;
      },
      20_000,
      'the template marked sent',
    );
    // The inbox shows the filled values; the payload is kept for any later attempt.
    expect(message).toMatchObject({ type: 'template', role: 'system' });
    expect(message!.content).toBe(
      `[template booking_reminder, id] {{1}} Budi · {{2}} ${day} · {{3}} ${time} · {{4}} Konsultan Dewi · {{5}} ${REMINDER_LOCATION}`,
    );
    expect(message!.metadata.template).toEqual({
      name: 'booking_reminder',
      language: 'id',
      bodyParameters: ['Budi', day, time, 'Konsultan Dewi', REMINDER_LOCATION],
    });
    expect((await remindersOf(booking.id))[0]).toMatchObject({ status: 'queued', messageId: message!.id });
    expect(requestsTo(fixture)).toHaveLength(1);
  });

  it('outside the window without a template: skipped, the reason recorded, nothing sent', async () => {
    const fixture = await customer(3 * 24 * HOUR, { settings: { offsetsMinutes: [90], template: null } });
    const booking = await bookWithDueReminder(fixture);
    const skipped = await eventually(
      async () => {
        const [row] = await remindersOf(booking.id);
        return row?.status === 'skipped' ? row : null;
      },
      20_000,
      'the reminder skipped',
    );
    expect(skipped.reason).toBe(NO_TEMPLATE_REASON);
    expect(skipped.messageId).toBeNull();
    expect(await outboundOf(fixture.conversationId)).toHaveLength(0);
    expect(requestsTo(fixture)).toHaveLength(0);
  });

  it('a booking cancelled behind its back gets no reminder; a customer who opted out of marketing does', async () => {
    const fixture = await customer(HOUR, { settings: { offsetsMinutes: [60], template: null } });
    const startsAt = wholeHourAfter(new Date(), 180);
    const first = await book(fixture, startsAt);
    const second = await book(fixture, new Date(startsAt.getTime() + HOUR));
    const due = new Date(startsAt.getTime() - 30 * 60_000);
    // Cancelled without effects (its reminder still scheduled): the worker sees the booking.
    await cancelBooking(db, { workspaceId: fixture.workspaceId, bookingId: first.id });
    const [firstReminder] = await remindersOf(first.id);
    expect(firstReminder?.status).toBe('scheduled');
    const job = (reminderId: string) => ({ workspaceId: fixture.workspaceId, reminderId });
    expect(await sendBookingReminder(ctx, job(firstReminder!.id), due)).toBe('cancelled');
    expect((await remindersOf(first.id))[0]).toMatchObject({
      status: 'cancelled',
      reason: 'the booking is cancelled',
    });

    // A reminder of the customer's own booking is a utility message, not marketing: an opt-out does not stop it.
    await db.update(contacts).set({ marketingOptOutAt: new Date() }).where(eq(contacts.id, fixture.contactId));
    const [secondReminder] = await remindersOf(second.id);
    expect(await sendBookingReminder(ctx, job(secondReminder!.id), new Date(due.getTime() + HOUR))).toBe('queued');
    const outbound = await outboundOf(fixture.conversationId);
    expect(outbound).toHaveLength(1);
    expect((await remindersOf(second.id))[0]).toMatchObject({ status: 'queued', messageId: outbound[0]!.id });
  });

  it('a window closing within 15 minutes is not used for a text (the send would find it closed): the template path', async () => {
    const fixture = await customer(24 * HOUR - 5 * 60_000, { settings: { offsetsMinutes: [90], template: null } });
    const booking = await bookWithDueReminder(fixture);
    const skipped = await eventually(
      async () => {
        const [row] = await remindersOf(booking.id);
        return row?.status === 'skipped' ? row : null;
      },
      20_000,
      'the reminder skipped',
    );
    // No template configured: said so, rather than a text queued that the send worker refuses.
    expect(skipped.reason).toBe(NO_TEMPLATE_REASON);
    expect(await outboundOf(fixture.conversationId)).toHaveLength(0);
    expect(requestsTo(fixture)).toHaveLength(0);
  });

  it('two reminders found due at once (after downtime): only the nearer one is sent', async () => {
    const fixture = await customer(HOUR, { settings: { offsetsMinutes: [180, 90], template: null } });
    const booking = await bookWithDueReminder(fixture);
    const settled = await eventually(
      async () => {
        const rows = await remindersOf(booking.id);
        return rows.every((r) => r.status !== 'scheduled') ? rows : null;
      },
      20_000,
      'both reminders settled',
    );
    const byOffset = new Map(settled.map((r) => [r.offsetMinutes, r]));
    expect(byOffset.get(180)).toMatchObject({ status: 'skipped', reason: 'the 90-minute reminder was due too' });
    expect(byOffset.get(90)?.status).toBe('queued');
    await eventually(async () => (await outboundOf(fixture.conversationId))[0]?.status === 'sent', 20_000, 'sent');
    expect(await outboundOf(fixture.conversationId)).toHaveLength(1);
  });

  it('a due reminder whose job was lost is queued again by the start-up sweep and sent once', async () => {
    const fixture = await customer(HOUR, { settings: { offsetsMinutes: [60], template: null } });
    const startsAt = wholeHourAfter(new Date(), 10);
    // Booked with no effects, then a reminder row as a lost job leaves it: scheduled, due, no job.
    const outcome = await bookSlot(db, {
      workspaceId: fixture.workspaceId,
      resourceId: fixture.resourceId,
      contactId: fixture.contactId,
      conversationId: fixture.conversationId,
      startsAt,
    });
    if (outcome.status !== 'booked') throw new Error('the slot was taken');
    await db.insert(bookingReminders).values({
      workspaceId: fixture.workspaceId,
      bookingId: outcome.booking.id,
      offsetMinutes: 90,
      dueAt: new Date(startsAt.getTime() - 90 * 60_000),
    });
    expect(await sweepDueReminders(ctx)).toBeGreaterThanOrEqual(1);
    await eventually(async () => (await outboundOf(fixture.conversationId))[0]?.status === 'sent', 20_000, 'sent');
    expect(await sweepDueReminders(ctx)).toBe(0);
    await sleep(500);
    expect(requestsTo(fixture)).toHaveLength(1);
  });

  it('reminder settings: read and replaced through the assistant settings, a bad value refused with nothing changed', async () => {
    const fixture = await customer(HOUR);
    const url = `${service.url}/api/v1/workspaces/${fixture.slug}/assistant`;
    const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const read = async () =>
      ((await (await fetch(url, { headers })).json()) as { config: { bookingReminders: unknown } }).config
        .bookingReminders;
    expect(await read()).toEqual({ offsetsMinutes: [1440, 60], template: null });

    const settings = { offsetsMinutes: [2880, 120], template: { ...TEMPLATE, language: 'en_US' } };
    const put = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ bookingReminders: settings }) });
    expect(put.status).toBe(200);
    expect(await read()).toEqual(settings);

    for (const bad of [
      { offsetsMinutes: [0], template: null },
      { offsetsMinutes: [60, 60], template: null },
      { offsetsMinutes: [60], template: { ...TEMPLATE, name: 'Booking Reminder' } },
      { offsetsMinutes: [60], template: { ...TEMPLATE, bodyParameters: ['phone'] } },
      { offsetsMinutes: [60] },
    ]) {
      const refused = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ bookingReminders: bad }) });
      expect(refused.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await read()).toEqual(settings);
    const [stored] = await db
      .select({ settings: ariConfig.bookingReminders })
      .from(ariConfig)
      .where(eq(ariConfig.workspaceId, fixture.workspaceId));
    expect(stored?.settings).toEqual(settings);
  });
});
