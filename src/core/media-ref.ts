/** The media of a WhatsApp message, channel-neutral (re-exported by channels/channel-event). */
export const MEDIA_KINDS = ['audio', 'image', 'document', 'video', 'sticker'] as const;
export interface MediaRef {
  kind: (typeof MEDIA_KINDS)[number];
  /** Provider media id (Meta Graph media id; Kapso passes Meta's). */
  id: string | null;
  /** A direct download URL when the provider gives one (Kapso: message.kapso.media_url). */
  url: string | null;
  mimeType: string | null;
  filename: string | null;
  caption: string | null;
  /** True for a WhatsApp voice note (audio.voice === true), false for an audio file. */
  voice: boolean;
  /** Provider transcript (Kapso: message.kapso.transcript) — null when none. */
  transcript: string | null;
}
