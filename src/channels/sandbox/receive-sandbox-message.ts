/**
 * The sandbox channel's receiving half: a customer message typed into the console's
 * "Try it" panel or `ari simulate`, handed to ingest exactly like a WhatsApp webhook.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { normalizePhone } from '../../core/normalize-phone.js';
import { parseInput } from '../../core/parse-input.js';
import type { IngestEvents } from '../channel-event.js';

export const sandboxMessageInput = z
  .object({
    from: z.string().trim().min(3, 'from must be a phone number'),
    text: z.string().trim().min(1, 'text must not be empty').max(4096),
    name: z.string().trim().max(200).optional(),
    /** Optional client id: sending the same id twice stores the message once. */
    id: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type SandboxMessageInput = z.input<typeof sandboxMessageInput>;

export async function receiveSandboxMessage(ingest: IngestEvents, workspaceId: string, rawInput: unknown) {
  const values = parseInput(sandboxMessageInput, rawInput);
  // A typed number that is not one is the caller's mistake (400), not a dead letter.
  normalizePhone(values.from);
  const providerMessageId = `sandbox-in-${values.id ?? crypto.randomUUID()}`;
  const summary = await ingest([
    {
      workspaceId,
      event: {
        kind: 'message',
        channel: 'sandbox',
        phoneNumberId: '',
        providerMessageId,
        customer: { phone: values.from, bsuid: null, parentBsuid: null, username: null },
        customerName: values.name ?? null,
        origin: 'customer',
        type: 'text',
        text: values.text,
        answerable: true,
        sentAt: new Date(),
        media: null,
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
