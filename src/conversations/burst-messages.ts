/**
 * The customer's unanswered messages as the assistant's turn reads them: a voice
 * note without a transcript is transcribed first (once: a failed attempt is not
 * retried), and one nobody could hear is marked so the customer is asked to type.
 */
import type { TurnMessage } from '../assistant/rules/rules-turn.js';
import type { MediaRef } from '../core/media-ref.js';
import type { Channel } from '../core/vocabulary.js';
import type { ServiceContext } from '../context/service-context.js';
import { transcribeVoiceNote } from './transcribe-voice-note.js';

export interface UnansweredMessage {
  id: string;
  content: string;
  media: MediaRef | null;
  metadata: Record<string, unknown>;
}

export async function burstMessages(
  ctx: ServiceContext,
  args: {
    workspace: { id: string; kapsoPhoneId: string | null; kapsoApiKeyCiphertext: string | null };
    conversation: { id: string; channel: Channel };
    unanswered: UnansweredMessage[];
  },
): Promise<TurnMessage[]> {
  const burst: TurnMessage[] = [];
  for (const message of args.unanswered) {
    const { media } = message;
    if (media?.kind !== 'audio' || media.transcript) {
      burst.push({ text: message.content, media });
      continue;
    }
    // Tried before (a retried job): not paid for twice.
    const heard =
      message.metadata.transcription === undefined
        ? await transcribeVoiceNote(ctx, { ...args, message: { id: message.id, media } })
        : null;
    burst.push(
      heard?.kind === 'transcribed' ? { text: heard.text, media } : { text: message.content, media, unheard: true },
    );
  }
  return burst;
}
