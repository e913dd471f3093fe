import { describe, expect, it } from 'vitest';
import { zonedToUtc } from '../../core/local-time.js';
import type { Slot } from '../slot.js';
import { slotAt } from '../slot-at.js';
import type { BookingOffer } from './booking-offer.js';
import { pickOfferSlots } from './pick-offer-slots.js';
import { type BookingTurnInput, type HeldBooking, mayBeBookingTurn, planBookingTurn } from './plan-booking-turn.js';

const TZ = 'Asia/Jakarta';
/** Thursday 26 November 2026, 08:00 WIB. */
const NOW = new Date('2026-11-26T01:00:00Z');
const DEWI = '00000000-0000-4000-8000-00000000000a';
const ANDI = '00000000-0000-4000-8000-00000000000b';

function at(resourceId: string, date: string, time: string): Slot {
  const startsAt = zonedToUtc(date, time, TZ);
  return slotAt(resourceId, startsAt, new Date(startsAt.getTime() + 3_600_000), TZ, 1);
}

/** Hourly slots 09:00–16:00 on Thursday, Friday and Monday. */
function hours(resourceId: string): Slot[] {
  return ['2026-11-26', '2026-11-27', '2026-11-30'].flatMap((date) =>
    ['09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00'].map((time) => at(resourceId, date, time)),
  );
}
const FREE = hours(DEWI);

const held: HeldBooking = {
  id: '00000000-0000-4000-8000-0000000000b1',
  resourceName: 'Dewi',
  location: 'Jl. Sudirman 1',
  slot: at(DEWI, '2026-11-27', '10:00'),
};

function offerOf(slots: Slot[], extra: Partial<BookingOffer> = {}): BookingOffer {
  return { step: 'offer', purpose: 'book', bookingId: null, misses: 0, slots, ...extra };
}
const OFFERED = [at(DEWI, '2026-11-26', '09:00'), at(DEWI, '2026-11-26', '13:00'), at(DEWI, '2026-11-27', '09:00')];

function plan(text: string, input: Partial<BookingTurnInput> = {}) {
  return planBookingTurn({
    reply: { kind: 'question', text: 'Ada yang lain?' },
    language: 'id',
    text,
    offer: offerOf(OFFERED),
    held: null,
    free: FREE,
    now: NOW,
    timezone: TZ,
    ...input,
  });
}
const times = (slots: Slot[]) => slots.map((s) => s.label);

describe('planBookingTurn', () => {
  it('offers a few spread slots after the offer sentence when the playbook routes to a booking', () => {
    const result = plan('Sudah siap kak', {
      reply: { kind: 'consultation', text: 'Mau kami jadwalkan konsultasi?' },
      offer: null,
    });
    expect(result).toMatchObject({ action: 'offer', line: 'slots', purpose: 'book', misses: 0 });
    if (result?.action !== 'offer') throw new Error('no offer');
    expect(result.opening).toBe('Mau kami jadwalkan konsultasi?');
    expect(times(result.slots)).toEqual([
      '2026-11-26 09:00 WIB',
      '2026-11-26 13:00 WIB',
      '2026-11-27 09:00 WIB',
      '2026-11-27 13:00 WIB',
      '2026-11-30 09:00 WIB',
    ]);
  });

  it('leaves the offer and handoff to the rules engine when nothing is free', () => {
    expect(plan('ok', { reply: { kind: 'consultation', text: 'Mau?' }, offer: null, free: [] })).toBeNull();
  });

  it('does not offer a second booking to a customer who holds one: theirs is confirmed again', () => {
    expect(plan('ok', { reply: { kind: 'consultation', text: 'Mau?' }, offer: null, held })).toMatchObject({
      action: 'confirm',
      booking: held,
    });
  });

  it('keeps the rules engine’s handoff whatever the reply says', () => {
    expect(plan('2', { reply: { kind: 'handoff', text: 'Saya sambungkan' } })).toBeNull();
    expect(plan('batal', { reply: { kind: 'handoff', text: 'Saya sambungkan' }, held })).toBeNull();
  });

  it.each([
    ['2', '2026-11-26 13:00 WIB'],
    ['yang kedua', '2026-11-26 13:00 WIB'],
    ['nomor 3 aja kak', '2026-11-27 09:00 WIB'],
    // Not offered, but free: a day and an exact time is a pick.
    ['besok jam 2 siang', '2026-11-27 14:00 WIB'],
    ['jumat setengah tiga', null],
  ])('reads %s as a pick of %s', (text, label) => {
    const result = plan(text);
    if (label === null) {
      expect(result?.action).toBe('offer');
      return;
    }
    expect(result).toMatchObject({ action: 'book', offered: OFFERED });
    if (result?.action !== 'book') throw new Error('no booking');
    expect(result.slot.label).toBe(label);
  });

  it('offers what fits a day or time that was not offered, and says how it fits', () => {
    const day = plan('senin bisa?');
    expect(day).toMatchObject({ action: 'offer', line: 'wantedExact', misses: 0 });
    expect(day?.action === 'offer' && day.slots.every((s) => s.date === '2026-11-30')).toBe(true);
    const sameDay = plan('besok jam 8 malam');
    expect(sameDay).toMatchObject({ action: 'offer', line: 'wantedDay' });
    expect(sameDay?.action === 'offer' && sameDay.slots.every((s) => s.date === '2026-11-27')).toBe(true);
    const later = plan('sabtu');
    expect(later).toMatchObject({ action: 'offer', line: 'wantedAfter' });
    expect(later?.action === 'offer' && times(later.slots)[0]).toBe('2026-11-30 09:00 WIB');
  });

  it('lists the free times of a day that several offered slots fall on', () => {
    // Two Thursday times were offered: "kamis" is not a pick, it asks for Thursday's times.
    const thursday = plan('kamis aja kak');
    expect(thursday).toMatchObject({ action: 'offer', line: 'wantedExact', misses: 0 });
    expect(thursday?.action === 'offer' && times(thursday.slots)).toEqual([
      '2026-11-26 09:00 WIB',
      '2026-11-26 10:00 WIB',
      '2026-11-26 11:00 WIB',
      '2026-11-26 13:00 WIB',
      '2026-11-26 14:00 WIB',
    ]);
    // The same answer to that list again is unclear: asked once more, with the list.
    const list = thursday?.action === 'offer' ? thursday.slots : [];
    expect(plan('kamis aja kak', { offer: offerOf(list) })).toMatchObject({
      action: 'offer',
      line: 'askAgain',
      slots: list,
      misses: 1,
    });
  });

  it('asks once when the answer is unclear, then hands off', () => {
    const first = plan('yang 1 atau 2 ya');
    expect(first).toMatchObject({ action: 'offer', line: 'askAgain', slots: OFFERED, misses: 1 });
    expect(plan('terserah', { offer: offerOf(OFFERED, { misses: 1 }) })).toMatchObject({
      action: 'hand_off',
      noSlots: false,
    });
  });

  it('offers the next times once when none fits, then hands off', () => {
    const next = plan('tidak ada yang cocok kak');
    expect(next).toMatchObject({ action: 'offer', line: 'nextSlots', misses: 1 });
    expect(next?.action === 'offer' && next.slots.every((s) => s.startsAt > OFFERED[2]!.startsAt)).toBe(true);
    expect(
      plan('none of them', { offer: offerOf(next?.action === 'offer' ? next.slots : [], { misses: 1 }) }),
    ).toMatchObject({ action: 'hand_off' });
  });

  it('hands off with its own line when nothing is free any more', () => {
    expect(plan('tidak ada yang cocok', { free: OFFERED })).toMatchObject({ action: 'hand_off', noSlots: true });
  });

  it('confirms again, never books again, when the pick is repeated after the booking', () => {
    const confirmed = offerOf(OFFERED, { step: 'confirmed', bookingId: held.id });
    expect(plan('2', { offer: confirmed, held })).toMatchObject({ action: 'confirm', booking: held });
    // Booked meanwhile from another message: a pick of the open offer is the same.
    expect(plan('1', { held })).toMatchObject({ action: 'confirm', booking: held });
    // Something else after the confirmation is the rules engine's.
    expect(plan('terima kasih kak', { offer: confirmed, held })).toBeNull();
  });

  it('asks before cancelling on "batal", and cancels only on a yes to that question', () => {
    expect(plan('batal kak', { offer: null, held })).toEqual({ action: 'ask_cancel', booking: held });
    const asked = offerOf([held.slot], { step: 'cancel', bookingId: held.id });
    expect(plan('ya', { offer: asked, held })).toEqual({ action: 'cancel', booking: held });
    expect(plan('yes please', { offer: asked, held })).toEqual({ action: 'cancel', booking: held });
    // A no: the booking said again, kept.
    expect(plan('gak jadi kak', { offer: asked, held })).toMatchObject({ action: 'confirm', booking: held });
    // Anything else is the rules engine's turn; a yes to a question about another booking cancels nothing.
    expect(plan('berapa biayanya kak?', { offer: asked, held })).toBeNull();
    expect(plan('ya', { offer: offerOf([held.slot], { step: 'cancel', bookingId: 'other' }), held })).toBeNull();
    // Without a booking, "batal" is no booking turn.
    expect(plan('batal', { offer: null })).toBeNull();
  });

  it.each([
    'saya tidak mau batal',
    'jangan sampai batal ya',
    'bisa dibatalkan nanti kalau perlu?',
    'can I cancel later if needed?',
    'kalau hujan saya batal ya',
  ])('neither cancels nor asks to on "%s"', (text) => {
    expect(plan(text, { offer: null, held })).toBeNull();
  });

  it('leaves a message about something else after an offer to the rules engine (the offer stays open)', () => {
    expect(plan('berapa biayanya kak?')).toBeNull();
    expect(plan('ok makasih')).toBeNull();
    // Still open on the next message: a pick books.
    expect(plan('2', { offer: offerOf(OFFERED, { asides: 1 }) })).toMatchObject({ action: 'book' });
  });

  it('offers the same resource’s other times on "ganti jadwal" and moves the booking on a pick', () => {
    const free = [...FREE, ...hours(ANDI)];
    const offer = plan('ganti jadwal dong', { offer: null, held, free });
    expect(offer).toMatchObject({ action: 'offer', line: 'reschedule', purpose: 'reschedule' });
    if (offer?.action !== 'offer') throw new Error('no offer');
    expect(offer.slots.every((s) => s.resourceId === DEWI && s.label !== held.slot.label)).toBe(true);
    const reschedule = offerOf(offer.slots, { purpose: 'reschedule', bookingId: held.id });
    expect(plan('1', { offer: reschedule, held, free })).toMatchObject({
      action: 'move',
      booking: held,
      slot: offer.slots[0],
    });
    // The booking went meanwhile (the team cancelled it): the pick books anew.
    expect(plan('1', { offer: reschedule, held: null, free })).toMatchObject({ action: 'book', slot: offer.slots[0] });
  });
});

describe('mayBeBookingTurn', () => {
  it('reads the calendar only for an offer, an open offer, or a booking request', () => {
    expect(mayBeBookingTurn('question', 'Nama saya Budi', null)).toBe(false);
    expect(mayBeBookingTurn('consultation', 'ok', null)).toBe(true);
    expect(mayBeBookingTurn('question', '2', offerOf(OFFERED))).toBe(true);
    expect(mayBeBookingTurn('all_set', 'ganti jadwal', null)).toBe(true);
    expect(mayBeBookingTurn('handoff', '2', offerOf(OFFERED))).toBe(false);
  });
});

describe('pickOfferSlots', () => {
  it('spreads the list over days and hours, one entry per time', () => {
    const both = [...hours(DEWI), ...hours(ANDI)].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    const picked = pickOfferSlots(both);
    expect(times(picked)).toEqual([
      '2026-11-26 09:00 WIB',
      '2026-11-26 13:00 WIB',
      '2026-11-27 09:00 WIB',
      '2026-11-27 13:00 WIB',
      '2026-11-30 09:00 WIB',
    ]);
  });

  it('fills up to three from a calendar with little else', () => {
    const oneMorning = [
      at(DEWI, '2026-11-27', '09:00'),
      at(DEWI, '2026-11-27', '10:00'),
      at(DEWI, '2026-11-27', '11:00'),
    ];
    expect(times(pickOfferSlots(oneMorning))).toEqual([
      '2026-11-27 09:00 WIB',
      '2026-11-27 10:00 WIB',
      '2026-11-27 11:00 WIB',
    ]);
  });
});
