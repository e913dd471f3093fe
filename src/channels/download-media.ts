/**
 * Fetches a message's media bytes with the channel's credentials, through Kapso's
 * `@kapso/whatsapp-cloud-api` client: Kapso's direct media_url when the webhook
 * gave one, else the Graph media id (GET /{media-id} → a short-lived URL → its
 * bytes with the same credentials; Meta's URLs need the bearer token). At most
 * MAX_MEDIA_BYTES are read.
 */
import { WhatsAppClient } from '@kapso/whatsapp-cloud-api';
import type { Config } from '../config/config.js';
import type { Channel } from '../core/vocabulary.js';
import type { MediaRef } from './channel-event.js';
import { cloudApiCredentials } from './cloud-api-credentials.js';
import { splitVersion } from './cloud-api-sender.js';

/** WhatsApp's own limit for audio and video (documents go to 100 MB; we read voice notes). */
export const MAX_MEDIA_BYTES = 16 * 1024 * 1024;

export class MediaDownloadError extends Error {
  override name = 'MediaDownloadError';
}

export async function downloadMedia(
  config: Config,
  args: {
    channel: Channel;
    workspace: { id: string; kapsoApiKeyCiphertext: string | null };
    phoneNumberId: string;
    media: Pick<MediaRef, 'id' | 'url'>;
    timeoutMs?: number;
  },
): Promise<Uint8Array> {
  if (args.channel === 'sandbox') throw new MediaDownloadError('the sandbox channel carries no media');
  const credentials = cloudApiCredentials(config, args.channel, args.workspace);
  if ('missing' in credentials) throw new MediaDownloadError(credentials.missing);
  const { base, version } = splitVersion(credentials.baseUrl);
  const signal = AbortSignal.timeout(args.timeoutMs ?? 30_000);
  const client = new WhatsAppClient({
    baseUrl: base,
    graphVersion: version,
    ...credentials.auth,
    fetch: (input, init) => fetch(input, { ...init, signal }),
  });
  let response: Response;
  if (args.media.url) {
    // Kapso's own URL takes its key; any other host (a CDN) gets no credentials.
    const kapsoHost = new URL(args.media.url).hostname.endsWith('kapso.ai');
    response = kapsoHost ? await client.fetch(args.media.url) : await client.rawFetch(args.media.url, { signal });
  } else if (args.media.id) {
    response = (await client.media.download({
      mediaId: args.media.id,
      phoneNumberId: args.phoneNumberId,
      as: 'response',
      auth: args.channel === 'meta' ? 'always' : 'auto',
    })) as Response;
  } else {
    throw new MediaDownloadError('the message names no media id or URL');
  }
  if (!response.ok) throw new MediaDownloadError(`media download answered ${response.status}`);
  return readCapped(response, MAX_MEDIA_BYTES);
}

async function readCapped(response: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > limit) throw new MediaDownloadError(`media of ${declared} bytes is over the ${limit}-byte limit`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    if (size > limit) throw new MediaDownloadError(`media is over the ${limit}-byte limit`);
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
