import type { z } from 'zod';
import { UserError } from './user-error.js';

/** Parses with a zod schema and turns the first problem into a one-line UserError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new UserError(`${field}${issue.message}`);
}
