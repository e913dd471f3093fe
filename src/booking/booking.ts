import type { bookings } from '../db/schema.js';
import type { Slot } from './slot.js';

export type Booking = typeof bookings.$inferSelect;

/** A booking made, or the time was taken (by a faster customer) and these are the next free slots. */
export type BookingOutcome = { status: 'booked'; booking: Booking } | { status: 'taken'; alternatives: Slot[] };

/** Thrown inside a booking transaction to roll it back when a seat is gone. */
export class SlotTaken extends Error {
  constructor() {
    super('slot taken');
    this.name = 'SlotTaken';
  }
}
