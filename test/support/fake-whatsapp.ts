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
  /** Hold the answer this long (a provider that took the message and answers late). */
  stallMs?: number;
  /** Never take the message: hold the connection for stallMs, then cut it without an answer. */
  lose?: boolean;
}

/** A send the fake provider took: what the customer received. */
export interface AcceptedSend {
  to: string;
  text: string;
  /** Our biz_opaque_callback_data, echoed in status webhooks. */
  callbackData: string | undefined;
  providerMessageId: string;
}

export interface FakeWhatsApp {
  url: string;
  /** Base URL with the Graph version, as KAPSO_API_BASE_URL / META_GRAPH_BASE_URL take it. */
  baseUrl: string;
  requests: ReceivedRequest[];
  /** Text sends only (not mark-read calls). */
  sends(): ReceivedRequest[];
  reads(): ReceivedRequest[];
  /** The next send requests get these answers, in order; then `standing` (200s by default). */
  script(...responses: ScriptedResponse[]): void;
  /** The answer to sends when nothing is scripted; undefined: an immediate 200. */
  standing: ScriptedResponse | undefined;
  /** Sends the provider took (2xx, answered or not), in order. */
  accepted: AcceptedSend[];
  /** Called for each taken send (e.g. to deliver its status webhook). */
  onAccepted: ((send: AcceptedSend) => void) | undefined;
  close(): Promise<void>;
}

export async function startFakeWhatsApp(): Promise<FakeWhatsApp> {
  const requests: ReceivedRequest[] = [];
  const scripted: ScriptedResponse[] = [];
  let counter = 0;
  const fake: FakeWhatsApp = {
    url: '',
    baseUrl: '',
    requests,
    sends: () => requests.filter((r) => r.body.type === 'text'),
    reads: () => requests.filter((r) => r.body.status === 'read'),
    script: (...responses) => scripted.push(...responses),
    standing: undefined,
    accepted: [],
    onAccepted: undefined,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push({ path: req.url ?? '', headers: req.headers, body, at: Date.now() });
      const isRead = body.status === 'read';
      const next = isRead ? undefined : (scripted.shift() ?? fake.standing);
      const providerMessageId = `wamid.fake-${++counter}`;
      const answer: ScriptedResponse = next ?? {
        status: 200,
        body: isRead
          ? { success: true }
          : {
              messaging_product: 'whatsapp',
              contacts: [{ input: body.to, wa_id: body.to }],
              messages: [{ id: providerMessageId }],
            },
      };
      if (!isRead && !answer.lose && answer.status < 300) {
        const send: AcceptedSend = {
          to: String(body.to),
          text: String((body.text as { body?: string } | undefined)?.body ?? ''),
          callbackData: body.biz_opaque_callback_data as string | undefined,
          providerMessageId,
        };
        fake.accepted.push(send);
        fake.onAccepted?.(send);
      }
      const respond = () => {
        if (answer.lose) return res.destroy();
        if (res.destroyed) return;
        const payload =
          answer.body === undefined
            ? {
                messaging_product: 'whatsapp',
                contacts: [{ input: body.to, wa_id: body.to }],
                messages: [{ id: providerMessageId }],
              }
            : answer.body;
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(payload));
      };
      if (answer.stallMs) setTimeout(respond, answer.stallMs).unref();
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = url;
  fake.baseUrl = `${url}/v24.0`;
  return fake;
}
