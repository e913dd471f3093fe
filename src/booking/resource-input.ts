/** Validators for what staff type about booking resources (console, CLI flags, API bodies: camelCase). */
import { z } from 'zod';
import { BOOKING_RESOURCE_KINDS } from '../core/vocabulary.js';
import { BOOKING_SEAT_MINUTES } from '../db/schema.js';

const onGrid = (what: string, max: number) =>
  z
    .number()
    .int(`${what} must be whole minutes`)
    .min(0)
    .max(max)
    .refine((n) => n % BOOKING_SEAT_MINUTES === 0, `${what} must be a multiple of ${BOOKING_SEAT_MINUTES} minutes`);

export const resourceFields = {
  name: z.string().trim().min(1, 'name must not be empty').max(200),
  kind: z.enum(BOOKING_RESOURCE_KINDS),
  slotMinutes: onGrid('slotMinutes', 1440).refine((n) => n > 0, 'slotMinutes must be more than 0'),
  bufferMinutes: onGrid('bufferMinutes', 1440),
  capacity: z.number().int().min(1).max(100),
  leadTimeMinutes: z.number().int().min(0).max(525_600),
  horizonDays: z.number().int().min(1).max(365),
  /** An address or a meeting link; '' when there is none to tell. */
  location: z.string().trim().max(1000),
  active: z.boolean(),
};

export const createResourceInput = z.strictObject({
  name: resourceFields.name,
  kind: resourceFields.kind.default('consultant'),
  slotMinutes: resourceFields.slotMinutes.default(60),
  bufferMinutes: resourceFields.bufferMinutes.default(0),
  capacity: resourceFields.capacity.default(1),
  leadTimeMinutes: resourceFields.leadTimeMinutes.default(60),
  horizonDays: resourceFields.horizonDays.default(14),
  location: resourceFields.location.default(''),
  active: resourceFields.active.default(true),
});
export type CreateResourceInput = z.input<typeof createResourceInput>;

export const updateResourceInput = z.strictObject({
  name: resourceFields.name.optional(),
  kind: resourceFields.kind.optional(),
  slotMinutes: resourceFields.slotMinutes.optional(),
  bufferMinutes: resourceFields.bufferMinutes.optional(),
  capacity: resourceFields.capacity.optional(),
  leadTimeMinutes: resourceFields.leadTimeMinutes.optional(),
  horizonDays: resourceFields.horizonDays.optional(),
  location: resourceFields.location.optional(),
  active: resourceFields.active.optional(),
});
export type UpdateResourceInput = z.input<typeof updateResourceInput>;

const clock = (what: string, allowMidnightEnd: boolean) =>
  z
    .string()
    .regex(
      allowMidnightEnd ? /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/ : /^([01][0-9]|2[0-3]):[0-5][0-9]$/,
      `${what} must be HH:MM${allowMidnightEnd ? ' (24:00 for midnight)' : ''}`,
    );

export const weeklyWindowInput = z
  .strictObject({
    /** 0 = Sunday … 6 = Saturday. */
    weekday: z.number().int().min(0).max(6),
    startTime: clock('startTime', false),
    endTime: clock('endTime', true),
  })
  // Compared only once both are clock times: a malformed one is reported once, by its own field.
  .refine((w) => !isClock(w.startTime) || !isClock(w.endTime) || w.endTime > w.startTime, {
    error: 'endTime must be after startTime',
    path: ['endTime'],
  });

function isClock(value: string): boolean {
  return /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/.test(value);
}

export const weeklyAvailabilityInput = z
  .array(weeklyWindowInput)
  .max(100)
  .superRefine((windows, ctx) => {
    windows.forEach((a, i) => {
      const clash = windows.findIndex(
        (b, j) => j < i && b.weekday === a.weekday && a.startTime < b.endTime && b.startTime < a.endTime,
      );
      if (clash >= 0)
        ctx.addIssue({ code: 'custom', message: `overlaps window ${clash} on the same weekday`, path: [i] });
    });
  });

const localDate = z.iso.date('must be a date, YYYY-MM-DD');

export const daysOffInput = z
  .strictObject({
    startsOn: localDate,
    endsOn: localDate,
    reason: z.string().trim().max(500).default(''),
  })
  .refine((d) => d.endsOn >= d.startsOn, { error: 'endsOn must not be before startsOn', path: ['endsOn'] });
export type DaysOffInput = z.input<typeof daysOffInput>;
