/**
 * The workspace's playbook (GET …/playbook), for the labels of facts and points.
 * Only roles that may read it load it (an agent sees slot ids instead); it is read
 * again when the settings change (a playbook PUT publishes that event).
 */
import { api } from './api';
import { useHasRole } from './role-context';
import type { WorkspacePlaybook } from './types';
import { useCoalesced, useData, useWorkspaceEvents } from './use-data';

export function useWorkspacePlaybook(slug: string): WorkspacePlaybook | null {
  const allowed = useHasRole('manager');
  const loaded = useData(
    () =>
      allowed ? api.get<WorkspacePlaybook>(`/workspaces/${slug}/playbook`).catch(() => null) : Promise.resolve(null),
    [slug, allowed],
  );
  const reloadSoon = useCoalesced(loaded.reload);
  useWorkspaceEvents(slug, (event) => event.type === 'settings.changed' && reloadSoon());
  return loaded.data;
}
