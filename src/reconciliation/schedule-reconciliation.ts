/**
 * Asks for a reconciliation run on start and every `reconcileEveryMs` (0: never).
 * The `reconcile` queue keeps one run waiting and one running at most, so every
 * process may ask: only one reconciles at a time.
 */
import { QUEUES } from '../jobs/queue-names.js';
import type { ServiceContext } from '../context/service-context.js';

export function scheduleReconciliation(ctx: ServiceContext): { stop(): void } {
  const every = ctx.config.reconcileEveryMs;
  const jobs = ctx.jobs;
  if (every === 0 || !jobs) return { stop() {} };
  const ask = () => {
    jobs
      .send(QUEUES.reconcile, {})
      .then(() => jobs.wake(QUEUES.reconcile))
      .catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not queue a reconciliation run'));
  };
  ask();
  const timer = setInterval(ask, every);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
