/**
 * When the paid Brain runs: on the first turn, then every ARI_BRAIN_EVERY customer
 * messages, and at once when the rules engine sees a strong signal (a document,
 * pricing, a complaint, a request for a human, booking intent, the playbook's own). The free rules
 * Brain scores every turn in between.
 */
/** Signals that say the lead just changed: anything but a greeting or "just looking". */
const QUIET_SIGNALS: ReadonlySet<string> = new Set(['greeting', 'browsing']);

export function isBrainDue(args: {
  every: number;
  userMessageCount: number;
  /** Customer messages counted when the paid Brain last ran; undefined before it ever did. */
  lastRunAt: number | undefined;
  /** This burst's signals. */
  signals: ReadonlySet<string>;
}): boolean {
  const { signals } = args;
  if (args.lastRunAt === undefined) return true;
  if ([...signals].some((s) => !QUIET_SIGNALS.has(s))) return true;
  return args.userMessageCount - args.lastRunAt >= args.every;
}
