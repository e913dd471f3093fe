/**
 * Speech to text through the AI SDK (`experimental_transcribe`) against the
 * configured OpenAI-compatible endpoint (POST {base}/audio/transcriptions,
 * multipart): OpenAI, Groq and local Whisper servers all speak it.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { experimental_transcribe as transcribe } from 'ai';
import type { Config } from '../config/config.js';
import type { TranscriptionProvider } from '../prices/price-table.js';

export type Transcriber = NonNullable<Config['transcriber']>;

/** The price table's provider for an endpoint: by its host; any other host is a self-hosted Whisper. */
export function transcriptionProvider(baseUrl: string): TranscriptionProvider {
  const host = new URL(baseUrl).hostname;
  if (host === 'api.groq.com') return 'groq';
  if (host === 'api.openai.com') return 'openai';
  return 'whisper';
}

export async function transcribeAudio(
  transcriber: Transcriber,
  audio: Uint8Array,
  signal: AbortSignal,
): Promise<{ text: string; durationSeconds: number | undefined; language: string | undefined }> {
  const provider = createOpenAI({
    baseURL: transcriber.baseUrl,
    // A local server may want no key; the SDK wants one (it would otherwise read OPENAI_API_KEY).
    apiKey: transcriber.apiKey ?? 'none',
    name: transcriptionProvider(transcriber.baseUrl),
  });
  const result = await transcribe({
    model: provider.transcription(transcriber.model),
    audio,
    abortSignal: signal,
    maxRetries: 0,
  });
  return { text: result.text.trim(), durationSeconds: result.durationInSeconds, language: result.language };
}
