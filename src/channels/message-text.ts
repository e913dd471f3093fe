/**
 * The stored text of a message: a voice transcript or a caption is what the
 * customer said; otherwise the provider's text rendering or ours ("[audio]").
 * Cleaned (no NUL, no lone surrogates) and capped for storage.
 */
import type { MediaRef } from './channel-event.js';
import { cleanText, MAX_TEXT_LENGTH, truncate } from './clean-text.js';

export function messageText(type: string, rendered: string, media: MediaRef | null, providerText?: string): string {
  const spoken = media?.kind === 'audio' ? media.transcript : null;
  const caption = media && media.kind !== 'audio' && media.kind !== 'sticker' ? media.caption : null;
  const text = spoken ?? caption ?? (cleanText(providerText ?? '').trim() || cleanText(rendered).trim());
  return truncate(text, MAX_TEXT_LENGTH) || `[${type}]`;
}
