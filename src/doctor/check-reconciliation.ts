/** Warns when reading Kapso's message history back has failed for an hour: an outage would lose messages. */
import type { AriDatabase } from '../db/open-database.js';
import { listReconciliationStatus } from '../reconciliation/list-reconciliation-status.js';
import type { Workspace } from '../workspaces/create-workspace.js';
import { check, type DoctorCheck } from './doctor-check.js';

const FAILING_FOR_MS = 60 * 60 * 1000;

export async function checkReconciliation(
  db: AriDatabase,
  workspace: Workspace,
  now = new Date(),
): Promise<DoctorCheck | null> {
  if (workspace.kapsoPhoneId === null) return null;
  const [status] = (await listReconciliationStatus(db, workspace.id)).filter(
    (s) => s.phoneNumberId === workspace.kapsoPhoneId,
  );
  const ws = workspace.slug;
  if (!status)
    return check('workspace.reconciliation', 'pass', "Kapso's message history has not been checked yet", {
      workspace: ws,
    });
  if (status.failingSince && now.getTime() - status.failingSince.getTime() >= FAILING_FOR_MS)
    return check(
      'workspace.reconciliation',
      'warn',
      `reading Kapso's message history has failed since ${status.failingSince.toISOString()}: ${status.lastError ?? 'unknown error'}`,
      {
        workspace: ws,
        hint: 'check the Kapso API key and KAPSO_API_BASE_URL; until it works, messages sent while ARI is down are not recovered',
      },
    );
  return check(
    'workspace.reconciliation',
    'pass',
    `Kapso's message history checked up to ${status.reconciledUntil.toISOString()} (${status.recoveredTotal} recovered)`,
    { workspace: ws },
  );
}
