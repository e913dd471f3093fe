/** The built-in playbooks a workspace can pick, as a list to choose from. */
import type { Playbook } from '../assistant/playbook/playbook-schema.js';
import { BUILT_IN_PLAYBOOKS } from './built-in-playbooks.js';

export interface PlaybookSummary {
  id: string;
  name: Playbook['name'];
  description: Playbook['description'];
}

export function listBuiltInPlaybooks(): PlaybookSummary[] {
  return [...BUILT_IN_PLAYBOOKS.values()].map(({ id, name, description }) => ({ id, name, description }));
}
