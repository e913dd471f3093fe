/**
 * A template message in the outbox: the row's content is the filled text (what the inbox
 * shows), its type is `template` and its metadata keeps the template itself, so every attempt
 * (a retry, a send once more after an unknown outcome) sends exactly the same payload.
 */
import { z } from 'zod';
import type { TemplateMessage } from '../channels/channel-sender.js';

export const TEMPLATE_MESSAGE_TYPE = 'template';

const storedTemplateSchema = z.object({
  name: z.string().min(1),
  language: z.string().min(1),
  bodyParameters: z.array(z.string()),
});

/** The metadata that carries a template (merged into the message's other metadata). */
export function templateMetadata(template: TemplateMessage): { template: TemplateMessage } {
  return { template: { name: template.name, language: template.language, bodyParameters: template.bodyParameters } };
}

/** The template an outbox row carries, or null for a text message. */
export function storedTemplate(message: { type: string; metadata: Record<string, unknown> }): TemplateMessage | null {
  if (message.type !== TEMPLATE_MESSAGE_TYPE) return null;
  const parsed = storedTemplateSchema.safeParse(message.metadata.template);
  // A template row without its payload was written by something else: never send it as text.
  if (!parsed.success) throw new Error('the template message has no template payload in its metadata');
  return parsed.data;
}
