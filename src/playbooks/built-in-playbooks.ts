/**
 * The playbooks ARI ships with, each validated once at start-up by the same
 * schema a workspace's own playbook goes through.
 */
import { type Playbook, playbookSchema } from '../assistant/playbook/playbook-schema.js';
import { clinic } from './clinic.js';
import { course } from './course.js';
import { property } from './property.js';
import { studyAbroad } from './study-abroad.js';

export const BUILT_IN_PLAYBOOKS: ReadonlyMap<string, Playbook> = new Map(
  [studyAbroad, property, clinic, course].map((input) => {
    const playbook = playbookSchema.parse(input);
    return [playbook.id, playbook];
  }),
);

export const DEFAULT_PLAYBOOK_ID = 'study-abroad';

export function builtInPlaybook(id: string): Playbook | undefined {
  return BUILT_IN_PLAYBOOKS.get(id);
}
