/**
 * How long each step of a start took, logged with "ARI is serving": a slow start says
 * where its time went (issue 15). Times are ms; the first step counts from the process's
 * start (performance's time origin), so module loading is one of the steps.
 */
export interface StartPhases {
  /** Ends the step that ran since the previous mark. */
  mark(step: string): void;
  /** Each step's duration, in the order they ran. */
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
    durations: () => ({ ...durations }),
  };
}
