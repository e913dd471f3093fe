/**
 * When the paid Brain runs: on the first turn, then every ARI_BRAIN_EVERY customer
 * messages, and at once when the rules engine sees a strong signal (documents,
 * pricing, a complaint, a request for a human, booking intent). The free rules
 * Brain scores every turn in between.
 */
import type { MessageSignals } from './rules/read-message.js';

export function isBrainDue(args: {
  every: number;
  userMessageCount: number;
  /** Customer messages counted when the paid Brain last ran; undefined before it ever did. */
  lastRunAt: number | undefined;
  signals: MessageSignals;
}): boolean {
  const { signals } = args;
  if (args.lastRunAt === undefined) return true;
  if (signals.documents || signals.pricing || signals.complaint || signals.humanRequest || signals.booking) return true;
  return args.userMessageCount - args.lastRunAt >= args.every;
}
