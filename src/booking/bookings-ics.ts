import type { ListedBooking } from './list-bookings.js';

/**
 * A resource's bookings as an iCalendar (RFC 5545) feed for Google Calendar or Outlook: times
 * in UTC (calendar apps show them in the viewer's zone), cancelled bookings kept as CANCELLED
 * so subscribed calendars remove them, text escaped and lines folded at 75 octets.
 */
export function bookingsIcs(
  calendarName: string,
  bookings: readonly ListedBooking[],
  now: Date,
  /** The resource's address or meeting link, shown on every event ('' or absent: none). */
  location = '',
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ARI//Bookings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(calendarName)}`,
  ];
  for (const booking of bookings) {
    const who = booking.contactName ?? booking.contactPhone ?? 'Booking';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${booking.id}@ari`,
      `DTSTAMP:${utc(now)}`,
      `DTSTART:${utc(booking.startsAt)}`,
      `DTEND:${utc(booking.endsAt)}`,
      `LAST-MODIFIED:${utc(booking.updatedAt)}`,
      `SUMMARY:${text(`${who} · ${booking.resourceName}`)}`,
      `DESCRIPTION:${text([booking.contactPhone, `status: ${booking.status}`].filter(Boolean).join('\n'))}`,
      ...(location ? [`LOCATION:${text(location)}`] : []),
      `STATUS:${booking.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** 20261127T070000Z */
function utc(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT values: backslash, semicolon, comma and newline escaped. */
function text(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets continue on the next line after a space, never inside a character. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
