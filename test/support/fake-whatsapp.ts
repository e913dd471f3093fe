/**
 * A local stand-in for Kapso's proxy and Meta's Graph API: it speaks the Cloud
 * API's send and mark-read protocol over real HTTP, records what it received, and
 * answers from a script (429 with Retry-After, 5xx, Meta errors) when told to.
 * It also serves media the Graph way: GET /{version}/{media-id} answers the
 * metadata with a short-lived URL, and that URL the bytes, only to a request that
 * carries the same credentials (a bearer token or Kapso's X-API-Key).
 * It also serves Kapso's message history (GET /{phone_number_id}/messages, paged).
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
  /** Template sends only. */
  templates(): ReceivedRequest[];
  reads(): ReceivedRequest[];
  /** The next send requests get these answers, in order; then `standing` (200s by default). */
  script(...responses: ScriptedResponse[]): void;
  /** Drops the scripted answers not used yet. */
  unscript(): void;
  /** Serves `bytes` as media `id`. */
  addMedia(id: string, bytes: Uint8Array, mimeType: string): void;
  /** Media requests (metadata and bytes), in order. */
  mediaRequests: ReceivedRequest[];
  /** The answer to sends when nothing is scripted; undefined: an immediate 200. */
  standing: ScriptedResponse | undefined;
  /** Sends the provider took (2xx, answered or not), in order. */
  accepted: AcceptedSend[];
  /** Called for each taken send (e.g. to deliver its status webhook). */
  onAccepted: ((send: AcceptedSend) => void) | undefined;
  /** Kapso's message history (GET /{phone_number_id}/messages), in its wire format. */
  history: FakeKapsoHistory;
  close(): Promise<void>;
}

/** One message as Kapso's history API returns it (snake_case, a Meta message plus `kapso`). */
export interface HistoryMessage {
  id: string;
  type: string;
  timestamp: string;
  from?: string;
  text?: { body: string };
  kapso: Record<string, unknown>;
  [key: string]: unknown;
}

export interface FakeKapsoHistory {
  /** Messages Kapso recorded for a phone number id (what its webhooks tried to deliver). */
  add(phoneNumberId: string, ...messages: HistoryMessage[]): void;
  /** The most messages one page holds, whatever `limit` asks (to exercise paging). */
  setPageSize(size: number): void;
  /** The next history requests get these answers, in order; then pages again. */
  script(...responses: ScriptedResponse[]): void;
  /** History requests received (GET), in order. */
  requests(): ReceivedRequest[];
}

/** A customer's inbound text as Kapso's history shows it, `at` when Kapso got it. */
export function historyMessage(input: {
  id: string;
  from: string;
  text: string;
  at?: Date;
  name?: string;
}): HistoryMessage {
  const at = input.at ?? new Date();
  const phone = input.from.replace(/^\+/, '');
  return {
    id: input.id,
    type: 'text',
    timestamp: String(Math.floor(at.getTime() / 1000)),
    from: phone,
    text: { body: input.text },
    kapso: {
      direction: 'inbound',
      status: 'received',
      origin: 'cloud_api',
      phone_number: `+${phone}`,
      contact_name: input.name ?? null,
      content: input.text,
      has_media: false,
      created_at: at.toISOString(),
    },
  };
}

interface HistoryState {
  messages: Map<string, HistoryMessage[]>;
  pageSize: number;
  scripted: ScriptedResponse[];
}

/**
 * Kapso's history endpoint: `direction`, `since` (on when Kapso recorded the message),
 * `limit` and an opaque `after` cursor; `paging.next` only while more remain.
 */
function answerHistory(state: HistoryState, url: URL, baseUrl: string): ScriptedResponse {
  const scripted = state.scripted.shift();
  if (scripted) return scripted;
  const phoneNumberId = url.pathname.split('/').at(-2) ?? '';
  const direction = url.searchParams.get('direction');
  const since = url.searchParams.get('since');
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), state.pageSize);
  const after = url.searchParams.get('after');
  const start = after ? Number(Buffer.from(after, 'base64url').toString()) : 0;
  const matching = (state.messages.get(phoneNumberId) ?? [])
    .filter((m) => !direction || m.kapso.direction === direction)
    .filter((m) => !since || Date.parse(String(m.kapso.created_at)) >= Date.parse(since));
  const data = matching.slice(start, start + limit);
  const end = start + data.length;
  const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
  const next = new URL(url.pathname + url.search, baseUrl);
  next.searchParams.set('after', cursor(end));
  return {
    status: 200,
    body: {
      data,
      paging: {
        cursors: { before: cursor(start), after: cursor(end) },
        ...(end < matching.length ? { next: next.toString() } : {}),
      },
    },
  };
}

export async function startFakeWhatsApp(): Promise<FakeWhatsApp> {
  const requests: ReceivedRequest[] = [];
  const scripted: ScriptedResponse[] = [];
  const historyState: HistoryState = { messages: new Map(), pageSize: 100, scripted: [] };
  let counter = 0;
  const media = new Map<string, { bytes: Uint8Array; mimeType: string }>();
  const mediaRequests: ReceivedRequest[] = [];
  const fake: FakeWhatsApp = {
    url: '',
    baseUrl: '',
    requests,
    sends: () => requests.filter((r) => r.body.type === 'text'),
    templates: () => requests.filter((r) => r.body.type === 'template'),
    reads: () => requests.filter((r) => r.body.status === 'read'),
    script: (...responses) => scripted.push(...responses),
    unscript: () => {
      scripted.length = 0;
    },
    standing: undefined,
    accepted: [],
    onAccepted: undefined,
    history: {
      add(phoneNumberId, ...messages) {
        historyState.messages.set(phoneNumberId, [...(historyState.messages.get(phoneNumberId) ?? []), ...messages]);
      },
      setPageSize(size) {
        historyState.pageSize = size;
      },
      script(...responses) {
        historyState.scripted.push(...responses);
      },
      requests: () => requests.filter((r) => /\/messages(\?|$)/.test(r.path) && Object.keys(r.body).length === 0),
    },
    addMedia: (id, bytes, mimeType) => media.set(id, { bytes, mimeType }),
    mediaRequests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && /\/messages(\?|$)/.test(req.url ?? '')) {
      // Kapso's message history (a GET never takes a scripted send answer).
      requests.push({ path: req.url ?? '', headers: req.headers, body: {}, at: Date.now() });
      const answer = answerHistory(historyState, new URL(req.url ?? '/', fake.url), fake.url);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
      return;
    }
    if (req.method === 'GET') {
      mediaRequests.push({ path: req.url ?? '', headers: req.headers, body: {}, at: Date.now() });
      const authorized = Boolean(req.headers.authorization || req.headers['x-api-key']);
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const bytesOf = /^\/media-bytes\/(.+)$/.exec(path);
      const metaOf = /^\/v[\d.]+\/([^/]+)$/.exec(path);
      const item = media.get(decodeURIComponent((bytesOf ?? metaOf)?.[1] ?? ''));
      if (!authorized) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'missing credentials', code: 190 } }));
      } else if (!item) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'unknown media', code: 100 } }));
      } else if (bytesOf) {
        res.writeHead(200, { 'content-type': item.mimeType, 'content-length': String(item.bytes.length) });
        res.end(Buffer.from(item.bytes));
      } else {
        const id = metaOf![1]!;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            messaging_product: 'whatsapp',
            url: `${fake.url}/media-bytes/${id}`,
            mime_type: item.mimeType,
            sha256: 'not-checked',
            file_size: item.bytes.length,
            id,
          }),
        );
      }
      return;
    }
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
