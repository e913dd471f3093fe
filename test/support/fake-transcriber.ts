/**
 * A local stand-in for an OpenAI-compatible speech-to-text endpoint (OpenAI, Groq,
 * a Whisper server): POST {base}/audio/transcriptions with a multipart form
 * (file, model, response_format…), answered with a transcript and the audio's
 * duration, or with a scripted failure.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TranscriptionRequest {
  path: string;
  authorization: string | undefined;
  model: string | null;
  responseFormat: string | null;
  file: Uint8Array | null;
  fileType: string | null;
}

export interface FakeTranscriber {
  /** Base URL as TRANSCRIBE_BASE_URL takes it (…/v1). */
  baseUrl: string;
  requests: TranscriptionRequest[];
  /** What the next requests answer, in order; then `reply` again. */
  script(...answers: Array<{ status: number; body: unknown }>): void;
  reply: { text: string; duration: number; language: string };
  close(): Promise<void>;
}

export async function startFakeTranscriber(reply: FakeTranscriber['reply']): Promise<FakeTranscriber> {
  const requests: TranscriptionRequest[] = [];
  const scripted: Array<{ status: number; body: unknown }> = [];
  const fake = { reply } as FakeTranscriber;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const form = await new Request('http://fake/', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: Buffer.concat(chunks),
      })
        .formData()
        .catch(() => null);
      const file = form?.get('file');
      requests.push({
        path: req.url ?? '',
        authorization: req.headers.authorization,
        model: (form?.get('model') as string | null) ?? null,
        responseFormat: (form?.get('response_format') as string | null) ?? null,
        file: file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : null,
        fileType: file instanceof Blob ? file.type : null,
      });
      const answer =
        req.url?.endsWith('/audio/transcriptions') && form
          ? (scripted.shift() ?? {
              status: 200,
              body: {
                task: 'transcribe',
                text: fake.reply.text,
                language: fake.reply.language,
                duration: fake.reply.duration,
                segments: [],
              },
            })
          : { status: 404, body: { error: { message: 'not found' } } };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.requests = requests;
  fake.script = (...answers) => scripted.push(...answers);
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
