/**
 * WhatsApp timestamps are Unix seconds (often as a string). One that is missing,
 * unreadable or outside 2010 … receipt + 1 day means the receipt time: a date in
 * year 5000 (or one that overflows) would break sorting, the 24 h window and storage.
 */
const EARLIEST = Date.UTC(2010, 0, 1);
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReadTimestamp {
  at: Date;
  /** The provider's value when it was not used; undefined when it was. */
  raw?: string;
}

export function readTimestamp(timestamp: unknown, receivedAt: Date): ReadTimestamp {
  if (timestamp === undefined || timestamp === null || timestamp === '') return { at: receivedAt };
  const ms = Number(timestamp) * 1000;
  if (Number.isFinite(ms) && ms >= EARLIEST && ms <= receivedAt.getTime() + DAY_MS) return { at: new Date(ms) };
  return { at: receivedAt, raw: String(timestamp).slice(0, 64) };
}

/** The date only (statuses keep no raw value). */
export function toDate(timestamp: unknown, receivedAt: Date): Date {
  return readTimestamp(timestamp, receivedAt).at;
}
