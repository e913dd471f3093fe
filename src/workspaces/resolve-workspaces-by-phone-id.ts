import { eq, inArray } from 'drizzle-orm';
import type { ModelChain } from '../core/assistant-settings.js';
import type { AriDatabase, AriTransaction } from '../db/open-database.js';
import { ariConfig, workspaces } from '../db/schema.js';

/** A phone-number id's workspace, with the model chains its reply jobs' expiry is reckoned from. */
export interface PhoneOwner {
  workspaceId: string;
  /** Null when the workspace has no assistant settings (the defaults apply). */
  chains: { mouthChain: ModelChain | null; brainChain: ModelChain | null } | null;
}

/**
 * phone-number id → its workspace, for the ids that belong to one. The chains come in the
 * same statement: an ingest needs both, and on PGlite every statement of the transaction a
 * webhook waits for counts.
 */
export async function resolveWorkspacesByPhoneId(
  db: AriDatabase | AriTransaction,
  phoneNumberIds: string[],
): Promise<Map<string, PhoneOwner>> {
  const unique = [...new Set(phoneNumberIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({
      id: workspaces.id,
      phoneId: workspaces.kapsoPhoneId,
      configId: ariConfig.id,
      mouthChain: ariConfig.mouthChain,
      brainChain: ariConfig.brainChain,
    })
    .from(workspaces)
    .leftJoin(ariConfig, eq(ariConfig.workspaceId, workspaces.id))
    .where(inArray(workspaces.kapsoPhoneId, unique));
  return new Map(
    rows.map((r) => [
      r.phoneId!,
      {
        workspaceId: r.id,
        chains: r.configId === null ? null : { mouthChain: r.mouthChain, brainChain: r.brainChain },
      },
    ]),
  );
}
