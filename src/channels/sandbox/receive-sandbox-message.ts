/**
 * The sandbox channel's receiving half: a customer message typed into the console's
 * "Try it" panel or `ari simulate`, handed to ingest exactly like a WhatsApp webhook.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { parseInput } from '../../core/parse-input.js';
import type { IngestEvents } from '../channel-event.js';

export const sandboxMessageInput = z.object({
  from: z.string().trim().min(3, 'from must be a phone number'),
  text: z.string().trim().min(1, 'text must not be empty').max(4096),
  name: z.string().trim().max(200).optional(),
  /** Optional client id: sending the same id twice stores the message once. */
  id: z.string().trim().min(1).max(200).optional(),
});
export type SandboxMessageInput = z.input<typeof sandboxMessageInput>;

export async function receiveSandboxMessage(ingest: IngestEvents, workspaceId: string, input: SandboxMessageInput) {
  const values = parseInput(sandboxMessageInput, input);
  const providerMessageId = `sandbox-in-${values.id ?? crypto.randomUUID()}`;
  const summary = await ingest([
    {
      workspaceId,
      event: {
        kind: 'message',
        channel: 'sandbox',
        phoneNumberId: '',
        providerMessageId,
        customerPhone: values.from,
        customerName: values.name ?? null,
        origin: 'customer',
        type: 'text',
        text: values.text,
        answerable: true,
        sentAt: new Date(),
      },
    },
  ]);
  const stored = summary.messages[0];
  return {
    duplicate: !stored,
    messageId: stored?.messageId ?? null,
    conversationId: stored?.conversationId ?? null,
    providerMessageId,
  };
}
