/** Loads data from the API and reloads it on demand (change events, filters). */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, streamEvents } from './api';
import type { Thread } from './types';

export function useData<T>(
  load: () => Promise<T>,
  deps: unknown[],
): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    load().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(null);
      },
      (e: Error) => {
        if (mine === generation.current) setError(e.message);
      },
    );
  }, deps);
  useEffect(() => {
    reload();
  }, [reload]);
  return { data, error, reload };
}

/**
 * Change events come in bursts (one reply is several): the returned function runs
 * `fn` once per burst, `ms` after its first event, however many events it had.
 */
export function useCoalesced(fn: () => void, ms = 500): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, ms);
  }, [ms]);
}

type ChangeEvent = { type: string; conversationId?: string | null };

/** One event stream per workspace, however many parts of the screen listen to it. */
const streams = new Map<string, { listeners: Set<(event: ChangeEvent) => void>; stop: () => void }>();

function listen(slug: string, listener: (event: ChangeEvent) => void): () => void {
  let stream = streams.get(slug);
  if (!stream) {
    const listeners = new Set<(event: ChangeEvent) => void>();
    stream = {
      listeners,
      stop: streamEvents(`/workspaces/${slug}/events`, (event) => {
        for (const l of listeners) l(event);
      }),
    };
    streams.set(slug, stream);
  }
  const current = stream;
  current.listeners.add(listener);
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size === 0) {
      current.stop();
      streams.delete(slug);
    }
  };
}

/** Calls `onChange` for every change event of the workspace while mounted. */
export function useWorkspaceEvents(slug: string, onChange: (event: ChangeEvent) => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => listen(slug, (event) => latest.current(event)), [slug]);
}

/** One conversation with its messages, re-read whenever it (or, for statuses, any conversation) changes. */
export function useThread(slug: string, conversationId: string | null) {
  const thread = useData(
    () =>
      conversationId
        ? api
            .get<{ conversation: Thread }>(`/workspaces/${slug}/conversations/${conversationId}`)
            .then((r) => r.conversation)
        : Promise.resolve(null),
    [slug, conversationId],
  );
  const reloadSoon = useCoalesced(thread.reload);
  useWorkspaceEvents(slug, (event) => {
    if (
      event.type === 'conversation.changed' &&
      conversationId &&
      (event.conversationId === conversationId || event.conversationId === null)
    )
      reloadSoon();
  });
  return thread;
}
