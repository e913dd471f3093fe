/** Loads data from the API and reloads it on demand (change events, filters). */
import { useCallback, useEffect, useRef, useState } from 'react';
import { streamEvents } from './api';

export function useData<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    load().then(
      (value) => mine === generation.current && (setData(value), setError(null)),
      (e: Error) => mine === generation.current && setError(e.message),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    reload();
  }, [reload]);
  return { data, error, reload };
}

/** Calls `onChange` for every change event of the workspace while mounted. */
export function useWorkspaceEvents(slug: string, onChange: (event: { type: string; conversationId?: string | null }) => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => streamEvents(`/workspaces/${slug}/events`, (event) => latest.current(event)), [slug]);
}
