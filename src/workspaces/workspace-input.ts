/** Validators for what a user types about a workspace (CLI flags, API bodies). */
import { z } from 'zod';

export const slugSchema = z
  .string()
  .trim()
  .min(2, 'slug must be at least 2 characters')
  .max(63, 'slug must be at most 63 characters')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug must be lowercase letters, digits and single hyphens, e.g. eagle-overseas');

export const workspaceNameSchema = z.string().trim().min(1, 'name must not be empty').max(200);

/** The WhatsApp phone-number id (Meta's, which Kapso passes through): digits. */
export const phoneIdSchema = z
  .string()
  .trim()
  .regex(/^[0-9]{5,32}$/, 'kapso phone id must be the WhatsApp phone-number id (5 to 32 digits)');

export const timezoneSchema = z
  .string()
  .trim()
  .refine(isTimeZone, {
    error: (issue) => `unknown time zone "${String(issue.input)}" (use an IANA name like Asia/Jakarta)`,
  });

export const createWorkspaceInput = z.object({
  name: workspaceNameSchema,
  slug: slugSchema,
  kapsoPhoneId: phoneIdSchema.optional(),
  timezone: timezoneSchema.default('Asia/Jakarta'),
  /** The built-in playbook its assistant follows (ari_config's default when left out). */
  playbookId: z.string().trim().min(1).max(80).optional(),
});
export type CreateWorkspaceInput = z.input<typeof createWorkspaceInput>;

export const updateWorkspaceInput = z.object({
  slug: slugSchema,
  name: workspaceNameSchema.optional(),
  /** null clears the phone id. */
  kapsoPhoneId: phoneIdSchema.nullable().optional(),
  timezone: timezoneSchema.optional(),
  /** This workspace's own Kapso API key (stored encrypted); null removes it. */
  kapsoApiKey: z.string().trim().min(8, 'the Kapso API key looks too short').max(500).nullable().optional(),
});
export type UpdateWorkspaceInput = z.input<typeof updateWorkspaceInput>;

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
