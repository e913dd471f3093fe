import type { z } from 'zod';
import { UserError, type UserErrorIssue } from './user-error.js';

/** Parses with a zod schema and turns the first problem into a one-line UserError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new UserError(`${field}${issue.message}`);
}

/**
 * Parses a whole document (a playbook) and, when it is refused, reports EVERY
 * problem with its path, so one round of fixes is enough.
 */
export function parseDocument<S extends z.ZodType>(schema: S, input: unknown, subject: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: UserErrorIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const listed = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw new UserError(
    `${subject} has ${issues.length} problem${issues.length === 1 ? '' : 's'}: ${listed}`,
    'invalid_input',
    issues,
  );
}
