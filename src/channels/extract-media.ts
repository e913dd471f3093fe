/**
 * The media of a WhatsApp message (Meta's shape, which Kapso forwards) as a
 * channel-neutral MediaRef, plus what the message's text becomes: a Kapso voice
 * transcript or a caption is the text; otherwise the readable rendering.
 */
import { MEDIA_KINDS, type MediaRef } from './channel-event.js';
import { cleanText } from './clean-text.js';

type Obj = Record<string, unknown>;

/** Extras a provider adds beside the media object (Kapso: message.kapso.media_url / transcript). */
export interface MediaExtras {
  url?: unknown;
  transcript?: unknown;
}

export function extractMedia(message: Obj, extras: MediaExtras = {}): MediaRef | null {
  const kind = MEDIA_KINDS.find((k) => k === message.type);
  if (!kind) return null;
  const part = (typeof message[kind] === 'object' && message[kind] !== null ? message[kind] : {}) as Obj;
  return {
    kind,
    id: str(part.id),
    url: str(extras.url) ?? str(part.link) ?? str(part.url),
    mimeType: str(part.mime_type),
    filename: str(part.filename),
    caption: str(part.caption),
    voice: kind === 'audio' && part.voice === true,
    transcript: kind === 'audio' ? transcriptOf(extras.transcript) : null,
  };
}

/** Kapso documents `transcript` for audio; accept a string or an object carrying `text`. */
function transcriptOf(value: unknown): string | null {
  if (typeof value === 'string') return str(value);
  if (typeof value === 'object' && value !== null) return str((value as Obj).text);
  return null;
}

function str(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const clean = cleanText(value).trim();
  return clean === '' ? null : clean;
}
