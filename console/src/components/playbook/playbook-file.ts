/**
 * Export and import of a playbook as a JSON file in the browser. An imported file
 * is only loaded into the editor (the server validates it on save); the defaults
 * the schema would fill in are filled here so the editor can show any valid file.
 */
import type { Playbook } from '../../types';

export function downloadPlaybook(playbook: Playbook, filename: string): void {
  const blob = new Blob([`${JSON.stringify(playbook, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  Object.assign(document.createElement('a'), { href: url, download: filename }).click();
  URL.revokeObjectURL(url);
}

const words = (value: unknown) => {
  const w = (value ?? {}) as { id?: unknown; en?: unknown };
  return { id: Array.isArray(w.id) ? w.id : [], en: Array.isArray(w.en) ? w.en : [] };
};
const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value : []);

/** The file's playbook with the schema's defaults, or an error naming what is missing. */
export function readPlaybookFile(text: string): { playbook: Playbook } | { error: string } {
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const missing = ['slots', 'stages'].filter((key) => !Array.isArray(document?.[key]));
  for (const key of ['rubric', 'routing', 'lines', 'name', 'description'])
    if (typeof document?.[key] !== 'object' || document[key] === null) missing.push(key);
  if (missing.length > 0) return { error: missing.join(', ') };
  const rubric = document.rubric as Record<string, unknown>;
  const routing = document.routing as Record<string, unknown>;
  const playbook = {
    ...document,
    slots: list(document.slots).map((slot) => ({
      required: true,
      patterns: [],
      skipWhen: [],
      ...slot,
      words: words(slot.words),
      choices: list(slot.choices).map((choice) => ({
        meansNo: false,
        meansYes: false,
        ...choice,
        words: words(choice.words),
      })),
    })),
    stages: list(document.stages).map((stage) => ({ slots: [], exitWhen: {}, ...stage })),
    rubric: { ...rubric, categories: list(rubric.categories).map((c) => ({ earn: [], ...c })) },
    signals: list(document.signals).map((signal) => ({ patterns: [], ...signal, words: words(signal.words) })),
    routing: { ...routing, signals: list(routing.signals) },
    quietHours: document.quietHours ?? null,
    maxAiTurns: document.maxAiTurns ?? null,
  };
  return { playbook: playbook as unknown as Playbook };
}
