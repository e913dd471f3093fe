import { describe, expect, it } from 'vitest';
import { bookingsIcs } from './bookings-ics.js';
import type { ListedBooking } from './list-bookings.js';

const base: ListedBooking = {
  id: '7d0b6a4e-1111-4222-8333-944455556666',
  workspaceId: 'w',
  resourceId: 'r',
  contactId: 'c',
  conversationId: null,
  startsAt: new Date('2026-11-27T07:00:00Z'),
  endsAt: new Date('2026-11-27T08:00:00Z'),
  status: 'booked',
  rescheduledFrom: null,
  createdAt: new Date('2026-11-26T01:00:00Z'),
  updatedAt: new Date('2026-11-26T01:00:00Z'),
  resourceName: 'Konsultan Dewi',
  contactName: 'Budi; "Santoso", Jakarta',
  contactPhone: '+6281234567890',
};

/** Undoes folding (RFC 5545 3.1) and reads each event's properties. */
function events(ics: string): Record<string, string>[] {
  const lines = ics.replace(/\r\n /g, '').split('\r\n');
  const found: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      found.push(current!);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return found;
}

describe('bookingsIcs', () => {
  const cancelled = { ...base, id: '7d0b6a4e-1111-4222-8333-944455557777', status: 'cancelled' as const };
  const ics = bookingsIcs('Konsultan Dewi — ARI', [base, cancelled], new Date('2026-11-26T02:00:00Z'));

  it('is a calendar of CRLF lines no longer than 75 octets', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('holds each booking in UTC with its status, text escaped', () => {
    const [first, second] = events(ics);
    expect(first).toMatchObject({
      UID: `${base.id}@ari`,
      DTSTART: '20261127T070000Z',
      DTEND: '20261127T080000Z',
      SUMMARY: 'Budi\\; "Santoso"\\, Jakarta · Konsultan Dewi',
      DESCRIPTION: '+6281234567890\\nstatus: booked',
      STATUS: 'CONFIRMED',
    });
    expect(second?.STATUS).toBe('CANCELLED');
    expect(first).not.toHaveProperty('LOCATION');
  });

  it("puts the resource's address or meeting link on every event", () => {
    const withPlace = bookingsIcs('x', [base], new Date('2026-11-26T02:00:00Z'), 'Jl. Sudirman 1, Jakarta');
    expect(events(withPlace)[0]?.LOCATION).toBe('Jl. Sudirman 1\\, Jakarta');
  });

  it('folds a long line without splitting a character, and unfolds to the same text', () => {
    const name = 'Ibu Ségolène Wulandari Kusumaningrum — konsultasi beasiswa S2 Belanda & Jérman'.repeat(2);
    const long = bookingsIcs('x', [{ ...base, contactName: name }], new Date('2026-11-26T02:00:00Z'));
    expect(long).toContain('\r\n ');
    for (const line of long.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(events(long)[0]?.SUMMARY).toBe(`${name} · Konsultan Dewi`);
  });
});
