/** Where reconciliation with Kapso's message history stands, per phone number id (health, doctor). */
import { asc, eq } from 'drizzle-orm';
import type { AriDatabase } from '../db/open-database.js';
import { kapsoReconciliation, workspaces } from '../db/schema.js';

export async function listReconciliationStatus(db: AriDatabase, workspaceId?: string) {
  return db
    .select({
      phoneNumberId: kapsoReconciliation.phoneNumberId,
      workspace: workspaces.slug,
      reconciledUntil: kapsoReconciliation.reconciledUntil,
      lastRunAt: kapsoReconciliation.lastRunAt,
      lastSuccessAt: kapsoReconciliation.lastSuccessAt,
      failingSince: kapsoReconciliation.failingSince,
      lastError: kapsoReconciliation.lastError,
      recoveredTotal: kapsoReconciliation.recoveredTotal,
    })
    .from(kapsoReconciliation)
    .innerJoin(workspaces, eq(workspaces.id, kapsoReconciliation.workspaceId))
    .where(workspaceId ? eq(kapsoReconciliation.workspaceId, workspaceId) : undefined)
    .orderBy(asc(kapsoReconciliation.phoneNumberId));
}
