/**
 * The playbook a workspace's assistant follows: its own (ari_config.playbook) when
 * it has one, else the built-in it picked. A stored playbook was validated when it
 * was saved; it is parsed again here (once per distinct document, cached) so the
 * engine always reads the schema's defaults. A document in an older shape is
 * upgraded first (upgrade-stored-playbook.ts).
 */
import { type Playbook, playbookSchema } from '../assistant/playbook/playbook-schema.js';
import { builtInPlaybook, DEFAULT_PLAYBOOK_ID } from './built-in-playbooks.js';
import { upgradeStoredPlaybook } from './upgrade-stored-playbook.js';

const parsed = new Map<string, Playbook>();
const MAX_CACHED = 200;

export function resolvePlaybook(stored: { playbookId: string; playbook: unknown }): Playbook {
  if (stored.playbook != null) return parseStored(stored.playbook);
  return builtInPlaybook(stored.playbookId) ?? builtInPlaybook(DEFAULT_PLAYBOOK_ID)!;
}

function parseStored(document: unknown): Playbook {
  const key = JSON.stringify(document);
  let playbook = parsed.get(key);
  if (!playbook) {
    playbook = playbookSchema.parse(upgradeStoredPlaybook(document));
    if (parsed.size >= MAX_CACHED) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, playbook);
  }
  return playbook;
}

/**
 * The playbook a reply turn follows. A stored document that no longer validates (written
 * behind the API's back, or by another version) must not leave a customer in silence: the
 * turn follows the built-in instead, and the problem is handed back to be logged.
 */
export function playbookForTurn(stored: { playbookId: string; playbook: unknown }): {
  playbook: Playbook;
  problem: string | null;
} {
  try {
    return { playbook: resolvePlaybook(stored), problem: null };
  } catch (error) {
    const fallback = builtInPlaybook(stored.playbookId) ?? builtInPlaybook(DEFAULT_PLAYBOOK_ID)!;
    return { playbook: fallback, problem: error instanceof Error ? error.message : String(error) };
  }
}
