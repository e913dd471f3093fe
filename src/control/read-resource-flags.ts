/**
 * A booking resource's fields as `ari booking resource add|update` takes them: flag text
 * ("--slot-minutes 30", "--active false") read into the values resource-input.ts checks,
 * and a refusal that names the flag the user typed, not the API's field.
 */
import { z } from 'zod';
import { createResourceInput, updateResourceInput } from '../booking/resource-input.js';
import { UserError } from '../core/user-error.js';

/** Each field's flag; numbers and booleans arrive as the text typed. */
export const RESOURCE_FLAGS = {
  name: '--name',
  kind: '--kind',
  slotMinutes: '--slot-minutes',
  bufferMinutes: '--buffer-minutes',
  capacity: '--capacity',
  leadTimeMinutes: '--lead-time-minutes',
  horizonDays: '--horizon-days',
  location: '--location',
  active: '--active',
} as const;
type Field = keyof typeof RESOURCE_FLAGS;
const NUMBERS: readonly Field[] = ['slotMinutes', 'bufferMinutes', 'capacity', 'leadTimeMinutes', 'horizonDays'];

export const resourceFlagsInput = z.strictObject(
  Object.fromEntries(Object.keys(RESOURCE_FLAGS).map((field) => [field, z.string().optional()])) as Record<
    Field,
    z.ZodOptional<z.ZodString>
  >,
);
export type ResourceFlags = z.input<typeof resourceFlagsInput>;

/** The fields of a new resource (defaults for those not given), or a UserError naming the flag. */
export function readNewResourceFlags(flags: ResourceFlags): z.output<typeof createResourceInput> {
  return checked(createResourceInput, typedFlags(flags));
}

/** The fields to change (at least one), or a UserError naming the flag. */
export function readResourceChangeFlags(flags: ResourceFlags): z.output<typeof updateResourceInput> {
  const values = typedFlags(flags);
  if (Object.keys(values).length === 0)
    throw new UserError(`say what to change: ${Object.values(RESOURCE_FLAGS).join(', ')}`);
  return checked(updateResourceInput, values);
}

function typedFlags(flags: ResourceFlags): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [field, text] of Object.entries(flags) as Array<[Field, string | undefined]>) {
    if (text === undefined) continue;
    if (NUMBERS.includes(field)) {
      if (!/^\d+$/.test(text.trim())) throw new UserError(`${RESOURCE_FLAGS[field]} must be a whole number`);
      values[field] = Number(text.trim());
    } else if (field === 'active') {
      if (text !== 'true' && text !== 'false') throw new UserError('--active must be true or false');
      values[field] = text === 'true';
    } else values[field] = text;
  }
  return values;
}

function checked<S extends z.ZodType>(schema: S, values: Record<string, unknown>): z.output<S> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0]) as Field;
  const flag = RESOURCE_FLAGS[field] ?? field;
  // resource-input.ts names the field in most messages ("slotMinutes must be …"): say the flag instead.
  throw new UserError(issue.message.includes(field) ? issue.message.replace(field, flag) : `${flag}: ${issue.message}`);
}
