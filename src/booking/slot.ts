import type { LocalDate, LocalTime } from '../core/local-time.js';

/** One bookable time of a resource, as an instant and as the workspace's people read it. */
export interface Slot {
  resourceId: string;
  startsAt: Date;
  endsAt: Date;
  /** Local day and time in the workspace's zone. */
  date: LocalDate;
  time: LocalTime;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** 'WIB', 'WITA', 'WIT' or the UTC offset. */
  zone: string;
  /** '2026-11-27 14:00 WIB'. */
  label: string;
  /** Bookings the slot still takes (capacity minus those already holding it). */
  seatsLeft: number;
}

/** The rules of a resource that shape its slots (a booking_resources row fits). */
export interface SlotRules {
  id: string;
  slotMinutes: number;
  bufferMinutes: number;
  capacity: number;
  leadTimeMinutes: number;
  horizonDays: number;
  active: boolean;
}

/** A weekly opening window, local 'HH:MM' ('24:00' ends the day). */
export interface WeeklyWindow {
  weekday: number;
  startTime: LocalTime;
  endTime: LocalTime;
}

/** Whole local days off, both ends included. */
export interface DaysOff {
  startsOn: LocalDate;
  endsOn: LocalDate;
}

/** An existing booking as far as availability cares. */
export interface HeldTime {
  startsAt: Date;
  endsAt: Date;
  status: string;
}
