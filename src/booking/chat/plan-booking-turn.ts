import type { Language } from '../../core/vocabulary.js';
import { readSlotChoice } from '../read-slot-choice.js';
import type { Slot } from '../slot.js';
import { slotsForWanted } from '../slots-for-wanted.js';
import type { WantedTime } from '../wanted-time.js';
import type { BookingOffer } from './booking-offer.js';
import { distinctTimes, pickOfferSlots } from './pick-offer-slots.js';
import { type BookingIntent, readBookingIntent } from './read-booking-intent.js';
import { readCancelAnswer } from './read-cancel-answer.js';

/** The customer's upcoming booking, as the chat talks about it. */
export interface HeldBooking {
  id: string;
  resourceName: string;
  location: string;
  slot: Slot;
}

/** The lines that introduce a list of slots (src/assistant/playbook/booking-lines.ts). */
export type OfferLine =
  | 'slots'
  | 'askAgain'
  | 'nextSlots'
  | 'wantedExact'
  | 'wantedDay'
  | 'wantedAfter'
  | 'taken'
  | 'reschedule';

/** What this turn does about booking; the shell carries it out in the reply's transaction. */
export type BookingPlan =
  /** Offer these slots (after `opening`, the offer sentence, on the first offer). */
  | {
      action: 'offer';
      line: OfferLine;
      slots: Slot[];
      purpose: 'book' | 'reschedule';
      misses: number;
      opening: string | null;
    }
  | { action: 'book'; slot: Slot; offered: Slot[] }
  | { action: 'move'; booking: HeldBooking; slot: Slot; offered: Slot[] }
  /** Ask before cancelling ("Batalkan jadwal …? Balas YA"). */
  | { action: 'ask_cancel'; booking: HeldBooking }
  /** The customer said yes to that question. */
  | { action: 'cancel'; booking: HeldBooking }
  /** Say the booking the customer holds again. */
  | { action: 'confirm'; booking: HeldBooking; offered: Slot[] }
  /** `noSlots`: nothing free to offer (its own line); else the playbook's handoff. */
  | { action: 'hand_off'; reason: string; noSlots: boolean };

export interface BookingTurnInput {
  /** The rules engine's reply this turn: its kind, its text (the offer sentence), its language. */
  reply: { kind: string; text: string };
  language: Language;
  /** The customer's latest message. */
  text: string;
  /** What the assistant's previous reply offered, if anything. */
  offer: BookingOffer | null;
  /** The contact's upcoming booking, if any. */
  held: HeldBooking | null;
  /** Every active resource's free slots, soonest first. */
  free: readonly Slot[];
  now: Date;
  timezone: string;
}

/** The replies the rules engine keeps whatever a booking step would say: its handoffs, and what it says about a voice note or a file. */
const RULES_KEEP = new Set(['handoff', 'voice_note', 'media']);

/** Whether a turn may be about booking at all (so the shell loads the calendar only then). */
export function mayBeBookingTurn(replyKind: string, text: string, offer: BookingOffer | null): boolean {
  if (RULES_KEEP.has(replyKind)) return false;
  return offer !== null || replyKind === 'consultation' || readBookingIntent(text) !== null;
}

/**
 * Decides what a customer's message does to their booking, given the offer it answers and
 * the booking they hold: pure, so every path is tested without a database. Null: not a booking
 * turn, the rules engine's reply stands (also when there is nothing free to offer: the offer
 * sentence and a handoff, as without a calendar).
 */
export function planBookingTurn(input: BookingTurnInput): BookingPlan | null {
  const { reply, held, offer } = input;
  if (RULES_KEEP.has(reply.kind)) return null;
  if (offer?.step === 'cancel' && held?.id === offer.bookingId) {
    // Only a yes to the question cancels; a no hears the booking kept; anything else is a new turn.
    const answer = readCancelAnswer(input.text);
    if (answer === 'yes') return { action: 'cancel', booking: held };
    if (answer === 'no') return { action: 'confirm', booking: held, offered: [] };
  }
  const intent: BookingIntent | null = held ? readBookingIntent(input.text) : null;
  if (held && intent === 'cancel') return { action: 'ask_cancel', booking: held };
  if (held && intent === 'reschedule') {
    const slots = pickOfferSlots(movableSlots(input.free, held));
    if (slots.length === 0) return { action: 'hand_off', reason: 'no free time to move the booking to', noSlots: true };
    return { action: 'offer', line: 'reschedule', slots, purpose: 'reschedule', misses: 0, opening: null };
  }
  if (offer && offer.step !== 'cancel') {
    const answered = answerOffer(input, offer);
    if (answered) return answered;
  }
  if (reply.kind !== 'consultation') return null;
  // A customer who holds a booking is not offered another: they hear theirs again.
  if (held) return { action: 'confirm', booking: held, offered: [] };
  const slots = pickOfferSlots(input.free);
  if (slots.length === 0) return null;
  return { action: 'offer', line: 'slots', slots, purpose: 'book', misses: 0, opening: reply.text };
}

function answerOffer(input: BookingTurnInput, offer: BookingOffer): BookingPlan | null {
  const { held } = input;
  const choice = readSlotChoice(input.text, offer.slots, input.now, input.timezone, input.language);
  if (offer.step === 'confirmed') {
    // "2" again after the booking was made: the confirmation again, never a second booking.
    if (held && choice.kind !== 'none' && choice.kind !== 'declined')
      return { action: 'confirm', booking: held, offered: offer.slots };
    return null;
  }
  // A move needs the booking still held; once it is gone, a pick books anew.
  const moving = offer.purpose === 'reschedule' && held !== null && held.id === offer.bookingId ? held : null;
  const purpose = moving ? 'reschedule' : 'book';
  const pick = (slot: Slot): BookingPlan => {
    if (moving) return { action: 'move', booking: moving, slot, offered: offer.slots };
    // Booked meanwhile (an earlier message, or the team): the booking is confirmed, not doubled.
    if (held) return { action: 'confirm', booking: held, offered: offer.slots };
    return { action: 'book', slot, offered: offer.slots };
  };
  const bookable = moving ? movableSlots(input.free, moving) : distinctTimes(input.free);
  const offerAgain = (line: OfferLine, slots: Slot[], misses: number): BookingPlan =>
    slots.length === 0
      ? { action: 'hand_off', reason: 'no free time left to offer', noSlots: true }
      : { action: 'offer', line, slots, purpose, misses, opening: null };
  /** Free times for a day or time the customer named (a pick when exactly that time is free). */
  const forWanted = (wanted: WantedTime): BookingPlan => {
    const found = slotsForWanted(bookable, wanted);
    const single = found.slots.every((s) => s.startsAt.getTime() === found.slots[0]?.startsAt.getTime());
    const oneDay = wanted.day !== undefined && wanted.day.from === wanted.day.to;
    const exactTime = wanted.time !== undefined && wanted.time.from === wanted.time.to;
    // "Besok jam 2 siang" and it is free: that is a pick.
    if (found.fit === 'exact' && single && oneDay && exactTime && found.slots[0]) return pick(found.slots[0]);
    const line = found.fit === 'exact' ? 'wantedExact' : found.fit === 'day' ? 'wantedDay' : 'wantedAfter';
    return offerAgain(line, found.slots, 0);
  };
  switch (choice.kind) {
    case 'slot':
      return pick(choice.slot);
    case 'wanted': {
      const { kind: _, ...wanted } = choice;
      return forWanted(wanted);
    }
    case 'ambiguous': {
      // "Jumat bisa?" when two Friday times were listed: that day's free times, not the same list again.
      const reread = readSlotChoice(input.text, [], input.now, input.timezone, input.language);
      if (reread.kind === 'wanted') {
        const { kind: _, ...wanted } = reread;
        const narrowed = forWanted(wanted);
        if (narrowed.action !== 'offer' || !sameTimes(narrowed.slots, offer.slots)) return narrowed;
      }
      if (offer.misses >= 1)
        return { action: 'hand_off', reason: 'the customer could not settle on an offered time', noSlots: false };
      return offerAgain('askAgain', offer.slots, offer.misses + 1);
    }
    case 'none':
      // About something else ("berapa biayanya?"): the normal turn answers it, the offer stays open.
      return null;
    case 'declined': {
      if (offer.misses >= 1)
        return { action: 'hand_off', reason: 'none of the offered times suited the customer', noSlots: false };
      const last = Math.max(...offer.slots.map((s) => s.startsAt.getTime()));
      return offerAgain(
        'nextSlots',
        pickOfferSlots(bookable.filter((s) => s.startsAt.getTime() > last)),
        offer.misses + 1,
      );
    }
  }
}

function sameTimes(a: readonly Slot[], b: readonly Slot[]): boolean {
  return a.length === b.length && a.every((slot, i) => slot.startsAt.getTime() === b[i]!.startsAt.getTime());
}

/** The free times of the held booking's resource, other than the one it holds. */
function movableSlots(free: readonly Slot[], held: HeldBooking): Slot[] {
  return free.filter(
    (s) => s.resourceId === held.slot.resourceId && s.startsAt.getTime() !== held.slot.startsAt.getTime(),
  );
}
