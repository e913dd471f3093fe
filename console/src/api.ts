/** The console's only way to the server: /api/v1 with the signed-in bearer token. */

import type { Issue } from './types';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** A refused document's problems, each at its path (the 400 of PUT …/playbook). */
    readonly issues: Issue[] = [],
    /** The whole answer (a 409 of a booking carries the next free slots). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'ari.token';

export const session = {
  token: () => localStorage.getItem(TOKEN_KEY),
  save: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

async function request<T>(method: string, path: string, body?: unknown, token = session.token()): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token ?? ''}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) {
    const { error, issues } = data as { error?: string; issues?: Issue[] };
    throw new ApiError(error ?? response.statusText, response.status, Array.isArray(issues) ? issues : [], data);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, token?: string) => request<T>('GET', path, undefined, token),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** A file behind the bearer token (the leads CSV), as a download. */
  async download(path: string, filename: string): Promise<void> {
    const response = await fetch(`/api/v1${path}`, { headers: { authorization: `Bearer ${session.token() ?? ''}` } });
    if (!response.ok) throw new ApiError(response.statusText, response.status);
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: filename });
    link.click();
    URL.revokeObjectURL(url);
  },
};

/**
 * Server-sent events read with fetch, so the token goes in a header. Reconnects
 * after a drop; `onEvent` gets each parsed `data:` line.
 */
export function streamEvents(
  path: string,
  onEvent: (event: { type: string; conversationId?: string | null }) => void,
): () => void {
  const controller = new AbortController();
  let stopped = false;
  const run = async () => {
    while (!stopped) {
      try {
        const response = await fetch(`/api/v1${path}`, {
          headers: { authorization: `Bearer ${session.token() ?? ''}` },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of block.split('\n')) if (line.startsWith('data: ')) onEvent(JSON.parse(line.slice(6)));
          }
        }
      } catch {
        if (stopped) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  };
  void run();
  return () => {
    stopped = true;
    controller.abort();
  };
}
