/**
 * A local OpenAI-compatible chat-completions server (as xAI, SEA-LION and Ollama
 * speak it): answers from a script — text with a usage block, HTTP errors, 429,
 * or a delay — and records every request, so the real AI SDK client code runs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCompletion {
  status?: number;
  content?: string;
  delayMs?: number;
  usage?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Answer only once this settles (a test acts while the model call is in flight). */
  until?: Promise<void>;
}

export interface FakeLlm {
  /** Base URL ending in /v1, as GROK_BASE_URL / SEALION_BASE_URL take it. */
  baseUrl: string;
  requests: Array<{
    path: string;
    headers: http.IncomingHttpHeaders;
    body: { model: string; messages: Array<{ role: string; content: string }> };
  }>;
  /** The next answers, in order; then `fallback`. */
  script(...answers: FakeCompletion[]): void;
  fallback: FakeCompletion;
  close(): Promise<void>;
}

export async function startFakeLlm(
  fallback: FakeCompletion = { content: 'Baik kak, ada lagi yang bisa dibantu?' },
): Promise<FakeLlm> {
  const queue: FakeCompletion[] = [];
  const fake: Omit<FakeLlm, 'baseUrl' | 'close'> & { baseUrl?: string } = {
    requests: [],
    script: (...a) => queue.push(...a),
    fallback,
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : {};
      fake.requests.push({ path: req.url ?? '', headers: req.headers, body });
      const answer = queue.shift() ?? fake.fallback;
      const reply = () => {
        if (res.destroyed) return;
        const status = answer.status ?? 200;
        res.writeHead(status, { 'content-type': 'application/json', ...answer.headers });
        if (status !== 200)
          return res.end(JSON.stringify({ error: { message: `fake error ${status}`, type: 'server_error' } }));
        res.end(
          JSON.stringify({
            id: `chatcmpl-${fake.requests.length}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: body.model,
            choices: [
              { index: 0, message: { role: 'assistant', content: answer.content ?? '' }, finish_reason: 'stop' },
            ],
            usage: answer.usage ?? { prompt_tokens: 1000, completion_tokens: 40, total_tokens: 1040 },
          }),
        );
      };
      void (answer.until ?? Promise.resolve()).then(() => setTimeout(reply, answer.delayMs ?? 0));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as FakeLlm;
}

/** A local Anthropic Messages API (POST /v1/messages) answering one text and a usage block. */
export async function startFakeAnthropic(answer: { text: string; usage: Record<string, number> }) {
  const requests: Array<{ path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> }> = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `msg_${requests.length}`,
          type: 'message',
          role: 'assistant',
          model: body.model,
          content: [{ type: 'text', text: answer.text }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: answer.usage,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
