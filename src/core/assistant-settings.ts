/**
 * Shapes of the structured assistant settings kept in `ari_config` (jsonb columns),
 * with their validators. The database stores them; the assistant reads exactly these.
 */
import { z } from 'zod';

export const knowledgeEntrySchema = z.object({
  category: z.string().trim().min(1).max(80),
  title: z.string().trim().min(1).max(200),
  content: z.string().trim().min(1).max(4000),
  /** Extra words that should retrieve this entry (either language). */
  keywords: z.array(z.string().trim().min(1)).default([]),
});
export type KnowledgeEntry = z.infer<typeof knowledgeEntrySchema>;

export const PROVIDERS = ['grok', 'sealion', 'ollama', 'anthropic', 'rules'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const modelLinkSchema = z.object({
  provider: z.enum(PROVIDERS),
  model: z.string().trim().min(1).max(200),
  timeoutMs: z.number().int().min(100).max(120_000),
});
export type ModelLink = z.infer<typeof modelLinkSchema>;

export const modelChainSchema = z.array(modelLinkSchema).min(1).max(6);
export type ModelChain = z.infer<typeof modelChainSchema>;

/** What a reminder template's body parameters may be filled with, in the order the template numbers them. */
export const REMINDER_TEMPLATE_VALUES = ['name', 'date', 'time', 'resource', 'location'] as const;
export type ReminderTemplateValue = (typeof REMINDER_TEMPLATE_VALUES)[number];

/** An approved WhatsApp template, for reminders outside the 24-hour customer-service window. */
export const reminderTemplateSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, 'a template name is lowercase letters, digits and _'),
  /** The template's language code as approved ("id", "en_US"). */
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a language code like id or en_US'),
  /** {{1}}, {{2}}…: what each body parameter is filled with. */
  bodyParameters: z.array(z.enum(REMINDER_TEMPLATE_VALUES)).max(10).default([]),
});

export const bookingReminderSettingsSchema = z.strictObject({
  /** Minutes before the start; each at most a week. */
  offsetsMinutes: z
    .array(z.number().int().min(1).max(10_080))
    .max(5)
    .refine((offsets) => new Set(offsets).size === offsets.length, 'each reminder time once'),
  template: reminderTemplateSchema.nullable(),
});
export type BookingReminderSettings = z.infer<typeof bookingReminderSettingsSchema>;
