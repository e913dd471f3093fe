/**
 * How long a reply job may run before pg-boss takes its worker for dead and starts
 * it again: the worst case of its turn. A shorter expiry would start a second copy
 * of a turn that is still waiting for its models, and pay every model twice.
 *
 * Worst case: every paid Mouth link runs to its deadline, every paid Brain link
 * twice (the Brain asks once more after an unusable answer), plus a margin for
 * everything else in the turn. The rules link ends a chain, so links after it never run.
 */
import { inArray } from 'drizzle-orm';
import { chainFor } from '../assistant-config/default-chains.js';
import type { Config } from '../config/config.js';
import type { ModelChain } from '../core/assistant-settings.js';
import type { AriTransaction } from '../db/open-database.js';
import { ariConfig } from '../db/schema.js';

const BRAIN_ATTEMPTS_PER_LINK = 2;

export function replyJobExpirySeconds(
  config: Config,
  chains: { mouthChain: ModelChain | null; brainChain: ModelChain | null } | null,
): number {
  const mouthMs = deadlinesMs(chainFor(config, 'mouth', chains?.mouthChain ?? null));
  const brainMs = deadlinesMs(chainFor(config, 'brain', chains?.brainChain ?? null)) * BRAIN_ATTEMPTS_PER_LINK;
  return Math.ceil((mouthMs + brainMs + config.replyJobMarginMs) / 1000);
}

type ReplyChains = Parameters<typeof replyJobExpirySeconds>[1];

/**
 * The expiry of each workspace's reply jobs (one query for a whole ingest batch; none when
 * the caller already read every workspace's chains).
 */
export async function loadReplyJobExpiries(
  tx: AriTransaction,
  config: Config,
  workspaceIds: string[],
  known: ReadonlyMap<string, ReplyChains> = new Map(),
): Promise<Map<string, number>> {
  const unknown = [...new Set(workspaceIds)].filter((id) => !known.has(id));
  const rows =
    unknown.length === 0
      ? []
      : await tx
          .select({
            workspaceId: ariConfig.workspaceId,
            mouthChain: ariConfig.mouthChain,
            brainChain: ariConfig.brainChain,
          })
          .from(ariConfig)
          .where(inArray(ariConfig.workspaceId, unknown));
  const chains = new Map<string, ReplyChains>(known);
  for (const row of rows) chains.set(row.workspaceId, row);
  return new Map(workspaceIds.map((id) => [id, replyJobExpirySeconds(config, chains.get(id) ?? null)]));
}

function deadlinesMs(chain: ModelChain): number {
  let total = 0;
  for (const link of chain) {
    if (link.provider === 'rules') break;
    total += link.timeoutMs;
  }
  return total;
}
