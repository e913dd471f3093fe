/**
 * Booking changes and reply turns of the same customer at once, on PostgreSQL. A reply turn
 * locks the contact, then the conversation (claimTurn), then, in its booking step, the
 * booking and its reminders. A staff cancel and the reminder worker write the conversation
 * too: taking the booking or the reminder row first, each would hold what the turn waits for
 * and PostgreSQL would abort one side after a second (a staff 500, a failed reminder job).
 * They take the contact and conversation first (lock-booking-parties.ts), so they queue.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookSlot } from '../src/booking/book-slot.js';
import type { Booking } from '../src/booking/booking.js';
import { bookingEffects } from '../src/booking/booking-effects.js';
import { cancelBooking } from '../src/booking/cancel-booking.js';
import { sendBookingReminder } from '../src/booking/send-booking-reminder.js';
import type { AriTransaction } from '../src/db/open-database.js';
import { ariConversations, ariMessages, bookingReminders, bookings, contacts } from '../src/db/schema.js';
import { createReminderFixture, type ReminderFixture, wholeHourAfter } from './support/reminder-fixture.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';

const HOUR = 3_600_000;

describe.each(ENGINES.filter((engine) => engine === 'postgres'))('booking lock order on %s', (engine) => {
  let service: TestService;
  let n = 0;

  beforeAll(async () => {
    service = await startTestService({ LOG_LEVEL: 'warn' }, engine);
  });
  afterAll(async () => {
    await service?.stopAll();
  });

  async function customer(): Promise<ReminderFixture> {
    const i = ++n;
    return createReminderFixture(service.ctx.database.db, {
      slug: `lock-order-${i}`,
      phoneNumberId: `3200000${String(i).padStart(4, '0')}`,
      phone: `+628132000${String(i).padStart(4, '0')}`,
      lastInboundAt: new Date(Date.now() - HOUR),
      settings: { offsetsMinutes: [90], template: null },
    });
  }

  async function book(fixture: ReminderFixture, startsAt: Date): Promise<Booking> {
    const outcome = await bookSlot(
      service.ctx.database.db,
      {
        workspaceId: fixture.workspaceId,
        resourceId: fixture.resourceId,
        contactId: fixture.contactId,
        conversationId: fixture.conversationId,
        startsAt,
      },
      { effects: bookingEffects(service.ctx) },
    );
    if (outcome.status !== 'booked') throw new Error('the slot was taken');
    return outcome.booking;
  }

  /**
   * A reply turn of the fixture's customer: its contact and conversation locked as claimTurn
   * locks them, then (once `other` waits for a lock) its booking step cancels the booking in
   * the turn's transaction, as a chat "batal" does.
   */
  async function replyTurnCancelling<T>(
    fixture: ReminderFixture,
    bookingId: string,
    other: () => Promise<T>,
  ): Promise<[PromiseSettledResult<Booking>, PromiseSettledResult<T>]> {
    const { db } = service.ctx.database;
    let holding!: () => void;
    const held = new Promise<void>((resolve) => {
      holding = resolve;
    });
    let proceed!: () => void;
    const go = new Promise<void>((resolve) => {
      proceed = resolve;
    });
    const turn = db.transaction(async (tx: AriTransaction) => {
      await tx
        .select({ id: ariConversations.id })
        .from(contacts)
        .innerJoin(ariConversations, eq(ariConversations.contactId, contacts.id))
        .where(
          and(eq(ariConversations.workspaceId, fixture.workspaceId), eq(ariConversations.id, fixture.conversationId)),
        )
        .for('update', { of: [contacts, ariConversations] });
      holding();
      await go;
      return cancelBooking(
        tx,
        { workspaceId: fixture.workspaceId, bookingId },
        { effects: bookingEffects(service.ctx) },
      );
    });
    await held;
    const concurrent = other();
    // The other side has started and waits for a row the turn holds.
    await eventually(
      async () => {
        const [row] = await service.ctx.database.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        return row!.n > 0 ? true : null;
      },
      20_000,
      'the other side waiting for a lock',
    );
    proceed();
    return Promise.all([turn.then(ok, failed), concurrent.then(ok, failed)]) as Promise<
      [PromiseSettledResult<Booking>, PromiseSettledResult<T>]
    >;
  }

  it('a staff cancel during a reply turn that cancels the same booking: both finish, no deadlock', async () => {
    const fixture = await customer();
    const booking = await book(fixture, wholeHourAfter(new Date(), 300));
    const [turn, staff] = await replyTurnCancelling(fixture, booking.id, () =>
      cancelBooking(
        service.ctx.database.db,
        { workspaceId: fixture.workspaceId, bookingId: booking.id },
        { effects: bookingEffects(service.ctx) },
      ),
    );
    expect(turn).toMatchObject({ status: 'fulfilled', value: { status: 'cancelled' } });
    expect(staff).toMatchObject({ status: 'fulfilled', value: { status: 'cancelled' } });
    const [stored] = await service.ctx.database.db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(stored?.status).toBe('cancelled');
    const [conversation] = await service.ctx.database.db
      .select({ state: ariConversations.state })
      .from(ariConversations)
      .where(eq(ariConversations.id, fixture.conversationId));
    expect(conversation?.state).toBe('scheduling');
  }, 60_000);

  it('a due reminder sent during a reply turn that cancels its booking: no deadlock, and no reminder', async () => {
    const fixture = await customer();
    const booking = await book(fixture, wholeHourAfter(new Date(), 300));
    const [reminder] = await service.ctx.database.db
      .select()
      .from(bookingReminders)
      .where(eq(bookingReminders.bookingId, booking.id));
    expect(reminder?.status).toBe('scheduled');
    const [turn, worker] = await replyTurnCancelling(fixture, booking.id, () =>
      // Its time, by the worker's clock (the real one is hours before: the service's own job waits).
      sendBookingReminder(service.ctx, { workspaceId: fixture.workspaceId, reminderId: reminder!.id }, reminder!.dueAt),
    );
    expect(turn).toMatchObject({ status: 'fulfilled', value: { status: 'cancelled' } });
    // The worker waited for the turn, then found the reminder cancelled with its booking.
    expect(worker).toEqual({ status: 'fulfilled', value: 'already_done' });
    const [after] = await service.ctx.database.db
      .select()
      .from(bookingReminders)
      .where(eq(bookingReminders.id, reminder!.id));
    expect(after).toMatchObject({ status: 'cancelled', messageId: null });
    const sent = await service.ctx.database.db
      .select()
      .from(ariMessages)
      .where(and(eq(ariMessages.conversationId, fixture.conversationId), eq(ariMessages.direction, 'outbound')));
    expect(sent).toEqual([]);
  }, 60_000);
});

function ok<T>(value: T): PromiseSettledResult<T> {
  return { status: 'fulfilled', value };
}

function failed(reason: unknown): PromiseRejectedResult {
  return { status: 'rejected', reason };
}
