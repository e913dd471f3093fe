/**
 * One at a time, urgent work first: what stands in front of PGlite's single connection.
 * PGlite queues its callers first come, first served, so a webhook's commit waited behind
 * every reply statement and job fetch queued before it. Here a caller marked urgent (with
 * `urgent`, carried through its awaits by AsyncLocalStorage) goes before every waiting
 * caller that is not, and after the one that is running: a statement, or a whole
 * transaction — never inside one.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface PriorityGate {
  /** Runs fn alone, after the running one and, unless called inside `urgent`, after any urgent waiter. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Marks the database work started inside work as urgent. */
  urgent<T>(work: () => Promise<T>): Promise<T>;
}

export function createPriorityGate(): PriorityGate {
  const marked = new AsyncLocalStorage<true>();
  const urgentWaiters: Array<() => void> = [];
  const waiters: Array<() => void> = [];
  let busy = false;

  function next(): void {
    const start = urgentWaiters.shift() ?? waiters.shift();
    if (start) start();
    else busy = false;
  }

  return {
    async run(fn) {
      if (busy) await new Promise<void>((resolve) => (marked.getStore() ? urgentWaiters : waiters).push(resolve));
      else busy = true;
      try {
        return await fn();
      } finally {
        next();
      }
    },
    urgent: (work) => marked.run(true, work),
  };
}
