/**
 * A local stand-in for Kapso's proxy and Meta's Graph API: it speaks the Cloud
 * API's send and mark-read protocol over real HTTP, records what it received, and
 * answers from a script (429 with Retry-After, 5xx, Meta errors) when told to.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** When it arrived (ms since epoch). */
  at: number;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface FakeWhatsApp {
  url: string;
  /** Base URL with the Graph version, as KAPSO_API_BASE_URL / META_GRAPH_BASE_URL take it. */
  baseUrl: string;
  requests: ReceivedRequest[];
  /** Text sends only (not mark-read calls). */
  sends(): ReceivedRequest[];
  reads(): ReceivedRequest[];
  /** The next send requests get these answers, in order; then 200s again. */
  script(...responses: ScriptedResponse[]): void;
  close(): Promise<void>;
}

export async function startFakeWhatsApp(): Promise<FakeWhatsApp> {
  const requests: ReceivedRequest[] = [];
  const scripted: ScriptedResponse[] = [];
  let counter = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push({ path: req.url ?? '', headers: req.headers, body, at: Date.now() });
      const isRead = body.status === 'read';
      const next = isRead ? undefined : scripted.shift();
      const answer: ScriptedResponse = next ?? {
        status: 200,
        body: isRead
          ? { success: true }
          : {
              messaging_product: 'whatsapp',
              contacts: [{ input: body.to, wa_id: body.to }],
              messages: [{ id: `wamid.fake-${++counter}` }],
            },
      };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrl: `${url}/v24.0`,
    requests,
    sends: () => requests.filter((r) => r.body.type === 'text'),
    reads: () => requests.filter((r) => r.body.status === 'read'),
    script: (...responses) => scripted.push(...responses),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
