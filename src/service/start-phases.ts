/**
 * How long each step of a start took, logged with "ARI is serving": a slow start says
 * where its time went (issue 15). Times are ms; the first step counts from the process's
 * start (performance's time origin), so module loading is one of the steps.
 */
export interface StartPhases {
  /** Ends the step that ran since the previous mark. */
  mark(step: string): void;
  /** Times a step that runs beside others (its own duration; marks are not moved). */
  timed<T>(step: string, work: () => Promise<T>): Promise<T>;
  /** Each step's duration, in the order they ended. */
  durations(): Record<string, number>;
}

export function startPhases(): StartPhases {
  const durations: Record<string, number> = {};
  let last = 0;
  return {
    mark(step) {
      const now = performance.now();
      durations[step] = Math.round(now - last);
      last = now;
    },
    async timed(step, work) {
      const started = performance.now();
      try {
        return await work();
      } finally {
        durations[step] = Math.round(performance.now() - started);
      }
    },
    durations: () => ({ ...durations }),
  };
}
