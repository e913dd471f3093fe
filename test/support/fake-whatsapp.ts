/**
 * A local stand-in for Kapso's proxy and Meta's Graph API: it speaks the Cloud
 * API's send and mark-read protocol over real HTTP, records what it received, and
 * answers from a script (429 with Retry-After, 5xx, Meta errors) when told to.
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
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      if (req.method === 'GET' && /\/messages(\?|$)/.test(req.url ?? '')) {
        requests.push({ path: req.url ?? '', headers: req.headers, body: {}, at: Date.now() });
        const answer = answerHistory(historyState, new URL(req.url ?? '/', url), url);
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
        return;
      }
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
