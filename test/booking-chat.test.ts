/**
 * Booking in the chat, end to end through the sandbox (ingest, reply job, outbox), on PGlite
 * and PostgreSQL, with the host's clock in UTC: the offer lists free slots in the workspace's
 * zone, the customer's answer books (by number, ordinal, or day and time), moves or cancels,
 * the team hears of each change, and a reply job that runs again books nothing twice.
 */
process.env.TZ = 'UTC';

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookSlot } from '../src/booking/book-slot.js';
import { bookingEffects } from '../src/booking/booking-effects.js';
import { cancelBooking } from '../src/booking/cancel-booking.js';
import { runBookingPlan } from '../src/booking/chat/run-booking-plan.js';
import { slotAt } from '../src/booking/slot-at.js';
import { BOOKING_LINES } from '../src/assistant/playbook/booking-lines.js';
import { freeSlots } from '../src/booking/free-slots.js';
import { createBookingResource } from '../src/booking/create-booking-resource.js';
import { setWeeklyAvailability } from '../src/booking/set-weekly-availability.js';
import { receiveSandboxMessage } from '../src/channels/sandbox/receive-sandbox-message.js';
import { addDays, zonedParts } from '../src/core/local-time.js';
import { ingestChannelEvents } from '../src/conversations/ingest-channel-events.js';
import { replyToConversation } from '../src/conversations/reply-to-conversation.js';
import { simulateMessage } from '../src/conversations/simulate-message.js';
import {
  ariConfig,
  ariConversations,
  ariMessages,
  bookingResources,
  bookings,
  bookingSeats,
  contacts,
} from '../src/db/schema.js';
import { seedDemoWorkspace } from '../src/demo/seed-demo-workspace.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { type FakeLlm, startFakeLlm } from './support/fake-llm.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';
import { waitForIdleQueues } from './support/wait-for-idle-queues.js';

interface Notice {
  type: string;
  data: { booking: { id: string; status: string; startsAt: string }; previous?: { id: string } };
}

interface OfferedSlot {
  resourceId: string;
  startsAt: string;
}

const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startTime: '08:00', endTime: '20:00' }));

describe.each(ENGINES)('booking in the chat on %s', (engine) => {
  let service: TestService;
  let notifyServer: http.Server;
  let mouth: FakeLlm;
  const notices: Notice[] = [];
  const workspaceIds = new Map<string, string>();
  let phone = 0;

  beforeAll(async () => {
    notifyServer = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        notices.push(JSON.parse(raw) as Notice);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => notifyServer.listen(0, '127.0.0.1', resolve));
    mouth = await startFakeLlm();
    service = await startTestService(
      {
        // Only the 'dental-slow' workspace's Mouth is this model: the others keep the rules engine.
        OLLAMA_BASE_URL: mouth.baseUrl,
        ARI_NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${(notifyServer.address() as AddressInfo).port}/hooks`,
        ARI_NOTIFY_WEBHOOK_SECRET: `whsec_${Buffer.from('booking-chat-secret').toString('base64')}`,
        ARI_DEBOUNCE_MS: '0',
      },
      engine,
    );
    await seedDemoWorkspace(db());
    for (const [slug, timezone] of [
      ['dental-jakarta', 'Asia/Jakarta'],
      ['dental-makassar', 'Asia/Makassar'],
    ] as const) {
      // The clinic playbook routes a booking request straight to the offer.
      const workspace = await createWorkspace(db(), { name: slug, slug, timezone, playbookId: 'clinic' });
      const resource = await createBookingResource(db(), workspace.id, { name: 'drg. Sari' });
      await setWeeklyAvailability(db(), workspace.id, resource.id, EVERY_DAY);
      await db()
        .update(bookingResources)
        .set({ location: 'Jl. Melati 5, Jakarta' })
        .where(eq(bookingResources.id, resource.id));
      workspaceIds.set(slug, workspace.id);
    }
    const slow = await createWorkspace(
      db(),
      { name: 'dental-slow', slug: 'dental-slow', timezone: 'Asia/Jakarta', playbookId: 'clinic' },
      {
        mouthChain: [{ provider: 'ollama', model: 'slow-mouth', timeoutMs: 60_000 }],
        brainChain: [{ provider: 'rules', model: 'ari-rules-v1', timeoutMs: 1000 }],
      },
    );
    const slowResource = await createBookingResource(db(), slow.id, { name: 'drg. Tono' });
    await setWeeklyAvailability(db(), slow.id, slowResource.id, EVERY_DAY);
    workspaceIds.set('dental-slow', slow.id);
  });
  afterAll(async () => {
    await service?.stopAll();
    await mouth?.close();
    await new Promise((resolve) => notifyServer?.close(resolve));
  });

  const db = () => service.ctx.database.db;
  const nextPhone = () => `+62813${engine === 'pglite' ? 1 : 2}00000${String(++phone).padStart(2, '0')}`;
  const say = async (workspace: string, from: string, text: string) => {
    const result = await simulateMessage(service.ctx, { workspace, from, text, timeoutMs: 15_000 });
    return {
      reply: result.reply ?? '',
      conversation: result.conversation.conversation,
      contact: result.conversation.contact,
    };
  };
  const lastReplyMetadata = async (conversationId: string) => {
    const [row] = await db()
      .select({ metadata: ariMessages.metadata })
      .from(ariMessages)
      .where(and(eq(ariMessages.conversationId, conversationId), eq(ariMessages.direction, 'outbound')))
      .orderBy(desc(ariMessages.createdAt))
      .limit(1);
    return row!.metadata as { offeredSlots?: OfferedSlot[]; booking?: { misses: number } };
  };
  const bookingsOf = (contactId: string) =>
    db().select().from(bookings).where(eq(bookings.contactId, contactId)).orderBy(asc(bookings.createdAt));
  const noticeOf = (type: string, bookingId: string) =>
    eventually(() => notices.find((n) => n.type === type && n.data.booking.id === bookingId), 10_000, type);
  /** An offer to a new customer of the Jakarta clinic: the conversation and the slots it lists. */
  const offered = async () => {
    const from = nextPhone();
    const { reply, conversation, contact } = await say('dental-jakarta', from, 'Halo, mau booking jadwal periksa gigi');
    expect(reply).toMatch(
      /^\w+ kak\. Mau kami buatkan reservasi dengan dokter gigi kami\?\n\nJadwal yang masih tersedia:\n1\. /,
    );
    const slots = (await lastReplyMetadata(conversation.id)).offeredSlots!;
    return { from, conversation, contact, slots, reply };
  };

  it('books "besok jam 2 siang" at 14:00 WIB the next day (07:00 UTC) on a UTC host, and confirms it in WIB', async () => {
    expect(new Date(2026, 0, 1, 12).getUTCHours()).toBe(12); // the host really is on UTC
    const { from, conversation, contact, slots, reply } = await offered();
    expect(slots.length).toBeGreaterThanOrEqual(3);
    expect(slots.length).toBeLessThanOrEqual(5);
    expect(reply.match(/^\d\. .+, pukul \d\d\.\d\d WIB$/gm)).toHaveLength(slots.length);
    expect(conversation).toMatchObject({ state: 'scheduling', mode: 'ai', nextAction: 'offer_consultation' });

    const tomorrow = addDays(zonedParts(new Date(), 'Asia/Jakarta').date, 1);
    const booked = await say('dental-jakarta', from, 'besok jam 2 siang');
    const [booking] = await bookingsOf(contact.id);
    expect(booking).toMatchObject({ status: 'booked', conversationId: conversation.id });
    expect(booking!.startsAt.toISOString()).toBe(`${tomorrow}T07:00:00.000Z`);
    expect(booked.reply).toMatch(
      /^Siap kak, jadwal kakak sudah terkonfirmasi: \w+, \d+ \w+, pukul 14\.00 WIB, bersama drg\. Sari\.\nTempat: Jl\. Melati 5, Jakarta\n/,
    );
    expect(booked.conversation).toMatchObject({ state: 'booked', mode: 'ai', nextAction: 'continue_bot' });
    const notice = await noticeOf('booking.created', booking!.id);
    expect(notice.data.booking).toMatchObject({ status: 'booked', startsAt: `${tomorrow}T07:00:00.000Z` });

    // The pick again: the confirmation again, not a second booking.
    const again = await say('dental-jakarta', from, 'besok jam 2 siang');
    expect(again.reply).toBe(booked.reply);
    expect(await bookingsOf(contact.id)).toHaveLength(1);
  });

  it('lists the slots of an Asia/Makassar workspace in WITA', async () => {
    const { reply, conversation } = await say('dental-makassar', nextPhone(), 'Halo, mau booking jadwal');
    expect(reply).toMatch(/\n1\. .+, pukul \d\d\.\d\d WITA\n/);
    expect(reply).not.toMatch(/WIB/);
    const slots = (await lastReplyMetadata(conversation.id)).offeredSlots!;
    // Read in Makassar: a WITA list's times are the workspace zone's own hours (08:00–20:00).
    for (const slot of slots) {
      const local = zonedParts(new Date(slot.startsAt), 'Asia/Makassar').time;
      expect(local >= '08:00' && local < '20:00').toBe(true);
    }
  });

  it('offers and confirms in English to a customer writing English', async () => {
    const from = nextPhone();
    const offer = await say('dental-jakarta', from, 'Hi, I would like to book an appointment');
    expect(offer.reply).toMatch(
      /^\w+\. Shall we book an appointment with our dentist for you\?\n\nThese times are open:\n1\. \w+ \d+ \w+, \d\d:\d\d WIB\n/,
    );
    const booked = await say('dental-jakarta', from, 'the first one please');
    expect(booked.reply).toMatch(
      /^You are booked: \w+ \d+ \w+, \d\d:\d\d WIB, with drg\. Sari\.\nWhere: Jl\. Melati 5, Jakarta\nTo change it, reply "reschedule"; to cancel, reply "cancel"\.$/,
    );
    expect(await bookingsOf(booked.contact.id)).toHaveLength(1);
  });

  it.each([
    ['2', 1],
    ['yang kedua', 1],
    ['nomor 3 ya kak', 2],
  ])('books the offered slot "%s" picks', async (text, index) => {
    const { from, contact, slots } = await offered();
    const { reply } = await say('dental-jakarta', from, text);
    expect(reply).toMatch(/^Siap kak, jadwal kakak sudah terkonfirmasi/);
    const booked = await bookingsOf(contact.id);
    expect(booked.map((b) => b.startsAt.toISOString())).toEqual([new Date(slots[index]!.startsAt).toISOString()]);
  });

  it('asks once which slot an unclear answer means, then hands the customer to the team', async () => {
    const { from, conversation, contact, slots } = await offered();
    const unclear = await say('dental-jakarta', from, 'yang 1 atau 2 aja');
    expect(unclear.reply).toMatch(/^Mohon maaf kak, jadwal yang mana ya\?/);
    expect((await lastReplyMetadata(conversation.id)).offeredSlots).toEqual(slots);
    const still = await say('dental-jakarta', from, 'terserah kak');
    expect(still.conversation).toMatchObject({ mode: 'human', state: 'handoff' });
    expect(still.conversation.handoffReason).toBe('the customer could not settle on an offered time');
    expect(await bookingsOf(contact.id)).toHaveLength(0);
  });

  it('offers the next slots when none suits', async () => {
    const { from, conversation, slots } = await offered();
    const next = await say('dental-jakarta', from, 'gak ada yang cocok kak');
    expect(next.reply).toMatch(/^Baik kak, ini jadwal berikutnya yang masih tersedia:\n1\. /);
    const later = await lastReplyMetadata(conversation.id);
    const lastOffered = Math.max(...slots.map((s) => Date.parse(s.startsAt)));
    expect(later.offeredSlots!.length).toBeGreaterThanOrEqual(3);
    expect(later.offeredSlots!.every((s) => Date.parse(s.startsAt) > lastOffered)).toBe(true);
    expect(later.booking!.misses).toBe(1);
    expect(next.conversation.mode).toBe('ai');
  });

  it('tells the loser of a race the time was just taken and offers other times', async () => {
    const { from, contact, slots } = await offered();
    // Another customer books the first offered time between the offer and the pick.
    const [rival] = await db()
      .insert(contacts)
      .values({ workspaceId: workspaceIds.get('dental-jakarta')!, phone: nextPhone(), name: 'Rival' })
      .returning();
    const won = await bookSlot(db(), {
      workspaceId: workspaceIds.get('dental-jakarta')!,
      resourceId: slots[0]!.resourceId,
      contactId: rival!.id,
      startsAt: new Date(slots[0]!.startsAt),
    });
    expect(won.status).toBe('booked');

    const lost = await say('dental-jakarta', from, '1');
    expect(lost.reply).toMatch(/^Mohon maaf kak, jadwal itu baru saja terisi\. Yang masih tersedia:\n1\. /);
    expect(await bookingsOf(contact.id)).toHaveLength(0);
    const others = (await lastReplyMetadata(lost.conversation.id)).offeredSlots!;
    expect(others.length).toBeGreaterThanOrEqual(3);
    expect(others.some((s) => s.startsAt === slots[0]!.startsAt)).toBe(false);
    // One of the others books.
    await say('dental-jakarta', from, '1');
    expect((await bookingsOf(contact.id)).map((b) => b.startsAt.toISOString())).toEqual([
      new Date(others[0]!.startsAt).toISOString(),
    ]);
  });

  it('moves the booking on "ganti jadwal" and a pick, then cancels it on "batal": seats freed, team told', async () => {
    const { from, contact, slots } = await offered();
    await say('dental-jakarta', from, '1');
    const [first] = await bookingsOf(contact.id);

    const move = await say('dental-jakarta', from, 'kak mau ganti jadwal');
    expect(move.reply).toMatch(/^Baik kak, jadwal kakak saat ini .+ WIB\. Mau dipindah ke jadwal yang mana\?\n1\. /);
    const choices = (await lastReplyMetadata(move.conversation.id)).offeredSlots!;
    expect(choices.some((s) => s.startsAt === slots[0]!.startsAt)).toBe(false);
    const moved = await say('dental-jakarta', from, '2');
    expect(moved.reply).toMatch(/^Siap kak, jadwal kakak sudah dipindah ke .+ WIB, bersama drg\. Sari\./);
    expect(moved.conversation.state).toBe('booked');
    const [old, now] = await bookingsOf(contact.id);
    expect(old).toMatchObject({ id: first!.id, status: 'cancelled' });
    expect(now).toMatchObject({ status: 'booked', rescheduledFrom: first!.id });
    expect(now!.startsAt.toISOString()).toBe(new Date(choices[1]!.startsAt).toISOString());
    const rescheduled = await noticeOf('booking.rescheduled', now!.id);
    expect(rescheduled.data.previous!.id).toBe(first!.id);

    // "Batal" asks once; a message about something else cancels nothing; only a yes cancels.
    const ask = await say('dental-jakarta', from, 'batalkan saja kak');
    expect(ask.reply).toMatch(/^Kakak yakin ingin membatalkan jadwal .+ WIB\? Balas YA untuk membatalkan\.$/);
    expect(ask.conversation).toMatchObject({ state: 'booked', mode: 'ai' });
    expect((await bookingsOf(contact.id))[1]!.status).toBe('booked');
    const aside = await say('dental-jakarta', from, 'oke kak');
    expect(aside.reply).not.toMatch(/batalkan/);
    expect((await bookingsOf(contact.id))[1]!.status).toBe('booked');
    await say('dental-jakarta', from, 'batal');
    const cancel = await say('dental-jakarta', from, 'ya');
    expect(cancel.reply).toMatch(/^Baik kak, jadwal .+ WIB sudah kami batalkan\./);
    expect(cancel.conversation).toMatchObject({ state: 'scheduling', mode: 'ai' });
    const [, cancelled] = await bookingsOf(contact.id);
    expect(cancelled!.status).toBe('cancelled');
    const [seats] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(bookingSeats)
      .where(eq(bookingSeats.bookingId, cancelled!.id));
    expect(seats!.n).toBe(0);
    await noticeOf('booking.cancelled', cancelled!.id);
  });

  it.each([
    'saya tidak mau batal',
    'jangan sampai batal ya',
    'bisa dibatalkan nanti kalau perlu?',
    'can I cancel later if needed?',
    'kalau hujan saya batal ya',
  ])('neither cancels nor asks to on "%s"', async (text) => {
    const { from, contact } = await offered();
    await say('dental-jakarta', from, '1');
    const { reply, conversation } = await say('dental-jakarta', from, text);
    expect(reply).not.toMatch(/batalkan|cancel/i);
    expect(conversation.state).toBe('booked');
    expect((await bookingsOf(contact.id)).map((b) => b.status)).toEqual(['booked']);
  });

  it('keeps the conversation booked when a chat cancel leaves another upcoming booking', async () => {
    const { from, contact, slots } = await offered();
    await say('dental-jakarta', from, '1');
    // The team books the same customer a second, later time.
    const second = await bookSlot(db(), {
      workspaceId: workspaceIds.get('dental-jakarta')!,
      resourceId: slots[2]!.resourceId,
      contactId: contact.id,
      startsAt: new Date(slots[2]!.startsAt),
    });
    expect(second.status).toBe('booked');
    await say('dental-jakarta', from, 'batal');
    const cancel = await say('dental-jakarta', from, 'ya');
    expect(cancel.reply).toMatch(/sudah kami batalkan/);
    expect(cancel.conversation.state).toBe('booked');
    expect((await bookingsOf(contact.id)).map((b) => b.status).sort()).toEqual(['booked', 'cancelled']);
  });

  it('answers a question asked after an offer, keeps the offer open, and a later pick books', async () => {
    const workspaceId = workspaceIds.get('dental-jakarta')!;
    await db()
      .update(ariConfig)
      .set({
        knowledgeEntries: [
          {
            category: 'Biaya',
            title: 'Biaya periksa gigi',
            content: 'Biaya periksa gigi Rp150.000 per kunjungan.',
            keywords: ['biaya', 'harga'],
          },
        ],
      })
      .where(eq(ariConfig.workspaceId, workspaceId));
    const { from, conversation, contact, slots } = await offered();
    const asked = await say('dental-jakarta', from, 'berapa biayanya kak?');
    expect(asked.reply).toContain('Rp150.000');
    expect(asked.reply).not.toMatch(/\n1\. /);
    expect(asked.conversation.mode).toBe('ai');
    expect((await lastReplyMetadata(conversation.id)).offeredSlots).toEqual(slots);
    // A reminder or a staff message after the offer does not hide it either.
    await db().insert(ariMessages).values({
      workspaceId,
      conversationId: conversation.id,
      direction: 'outbound',
      role: 'system',
      content: 'Pengingat: klinik buka setiap hari.',
      status: 'sent',
    });
    const booked = await say('dental-jakarta', from, '2');
    expect(booked.reply).toMatch(/^Siap kak, jadwal kakak sudah terkonfirmasi/);
    expect((await bookingsOf(contact.id)).map((b) => b.startsAt.toISOString())).toEqual([
      new Date(slots[1]!.startsAt).toISOString(),
    ]);
  });

  it('keeps a booking the team made while the turn was being written: the reply does not put the old state back', async () => {
    const workspaceId = workspaceIds.get('dental-slow')!;
    const from = nextPhone();
    await say('dental-slow', from, 'Halo kak'); // the greeting: the rules engine's line, no Mouth call
    let release = () => {};
    mouth.script({ content: 'Baik kak, ada yang bisa kami bantu?', until: new Promise((r) => (release = r)) });
    const calls = mouth.requests.length;
    const turn = say('dental-slow', from, 'Nama saya Budi');
    // The Mouth is phrasing the reply: the team books the customer meanwhile (the console's path).
    await eventually(() => mouth.requests.length > calls || undefined, 15_000, 'the Mouth call');
    const [row] = await db()
      .select({ contactId: contacts.id, conversationId: ariConversations.id })
      .from(contacts)
      .innerJoin(ariConversations, eq(ariConversations.contactId, contacts.id))
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.phone, from)));
    const [resource] = await db().select().from(bookingResources).where(eq(bookingResources.workspaceId, workspaceId));
    const [slot] = await freeSlots(db(), workspaceId, resource!.id, new Date(), 1);
    const made = await bookSlot(
      db(),
      { workspaceId, resourceId: resource!.id, ...row!, startsAt: slot!.startsAt },
      { effects: bookingEffects(service.ctx) },
    );
    expect(made.status).toBe('booked');
    release();
    const { reply, conversation } = await turn;
    expect(reply).toBe('Baik kak, ada yang bisa kami bantu?');
    expect(conversation.state).toBe('booked');
  });

  it('does not record booked when a move picks a booking the team cancelled meanwhile: the times are offered anew', async () => {
    const { from, conversation, contact, slots } = await offered();
    await say('dental-jakarta', from, '1');
    const [held] = await bookingsOf(contact.id);
    // The turn read the booking; the team cancels it before the move runs.
    await cancelBooking(
      db(),
      { workspaceId: held!.workspaceId, bookingId: held!.id },
      { effects: bookingEffects(service.ctx) },
    );
    const stale = {
      id: held!.id,
      resourceName: 'drg. Sari',
      location: '',
      slot: slotAt(held!.resourceId, held!.startsAt, held!.endsAt, 'Asia/Jakarta'),
    };
    const target = slotAt(
      slots[1]!.resourceId,
      new Date(slots[1]!.startsAt),
      new Date(slots[1]!.startsAt),
      'Asia/Jakarta',
    );
    const step = await db().transaction((tx) =>
      runBookingPlan(
        service.ctx,
        tx,
        { action: 'move', booking: stale, slot: target, offered: [] },
        {
          workspaceId: held!.workspaceId,
          contactId: contact.id,
          conversationId: conversation.id,
          state: 'booked',
          timezone: 'Asia/Jakarta',
          lines: BOOKING_LINES,
          language: 'id',
          held: stale,
          now: new Date(),
        },
      ),
    );
    expect(step).toMatchObject({
      kind: 'reply',
      state: 'scheduling',
      metadata: { booking: { purpose: 'book', bookingId: null } },
    });
    expect((await bookingsOf(contact.id)).map((b) => b.status)).toEqual(['cancelled']);
  });

  it('books once when the reply job for the pick runs several times at once and again later', async () => {
    const { from, conversation, contact, slots } = await offered();
    const workspaceId = workspaceIds.get('dental-jakarta')!;
    const received = await receiveSandboxMessage((events) => ingestChannelEvents(service.ctx, events), workspaceId, {
      from,
      text: '1',
    });
    const job = { workspaceId, conversationId: received.conversationId! };
    // The ingest's own job races these.
    const outcomes = await Promise.all([replyToConversation(service.ctx, job), replyToConversation(service.ctx, job)]);
    expect(outcomes.filter((o) => o === 'replied').length).toBeLessThanOrEqual(1);
    await waitForIdleQueues(service.ctx.database);
    expect(await replyToConversation(service.ctx, job)).toBe('nothing_to_answer');

    const booked = await bookingsOf(contact.id);
    expect(booked.map((b) => b.startsAt.toISOString())).toEqual([new Date(slots[0]!.startsAt).toISOString()]);
    const replies = await db()
      .select()
      .from(ariMessages)
      .where(
        and(
          eq(ariMessages.conversationId, conversation.id),
          eq(ariMessages.direction, 'outbound'),
          sql`${ariMessages.metadata}->'answers' ? ${received.messageId!}`,
        ),
      );
    expect(replies).toHaveLength(1);
    expect(replies[0]!.content).toMatch(/^Siap kak, jadwal kakak sudah terkonfirmasi/);
  });

  it('offers the demo consultant’s slots to a hot lead instead of handing it off', async () => {
    const from = nextPhone();
    const script = [
      'Halo kak, saya mau tanya kuliah di luar negeri',
      'Nama saya Budi Santoso',
      'Mau ke Australia',
      'S2 kak',
      'Sekitar 500 juta per tahun',
      'Tahun depan',
      'Sudah, IELTS 7.0',
      'Sudah ada',
      'udah',
      'ada',
      'sudah',
    ];
    let last: Awaited<ReturnType<typeof say>> | undefined;
    for (const text of script) {
      last = await say('eagle-overseas', from, text);
      if (/\n1\. /.test(last.reply)) break;
    }
    expect(last!.reply).toMatch(/konsultasi 1-on-1 gratis[\s\S]*\n\nJadwal yang masih tersedia:\n1\. .+ WIB\n/);
    expect(last!.conversation).toMatchObject({ leadTemperature: 'hot', state: 'scheduling', mode: 'ai' });
  });
});
