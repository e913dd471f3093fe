import { inArray } from 'drizzle-orm';
import type { AriDatabase, AriTransaction } from '../db/open-database.js';
import { workspaces } from '../db/schema.js';

/** phone-number id → workspace id, for the ids that belong to a workspace. */
export async function resolveWorkspacesByPhoneId(
  db: AriDatabase | AriTransaction,
  phoneNumberIds: string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(phoneNumberIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: workspaces.id, phoneId: workspaces.kapsoPhoneId })
    .from(workspaces)
    .where(inArray(workspaces.kapsoPhoneId, unique));
  return new Map(rows.map((r) => [r.phoneId!, r.id]));
}
