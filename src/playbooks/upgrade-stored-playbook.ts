/**
 * Playbooks stored in an older shape, turned into a document the schema reads.
 * The migration that moved the rubric out of ari_config left, for a workspace
 * whose weights or thresholds were not the defaults,
 * `{ upgradeFrom: 'study-abroad', weights: { basicInfo, qualification, documents, engagement }, hot, warm }`:
 * that is the study-abroad playbook with those weights and thresholds.
 */
import type { PlaybookInput } from '../assistant/playbook/playbook-schema.js';
import { builtInPlaybook } from './built-in-playbooks.js';

/** The old ari_config weight names and the study-abroad rubric categories they became. */
const CATEGORY_OF_WEIGHT: Record<string, string> = {
  basicInfo: 'basic_info',
  qualification: 'qualification',
  documents: 'documents',
  engagement: 'engagement',
};

export function upgradeStoredPlaybook(document: unknown): unknown {
  if (!isUpgradeShape(document)) return document;
  const base = builtInPlaybook(document.upgradeFrom);
  if (!base) return document; // left to the schema, which names what is wrong
  const weights = document.weights ?? {};
  const upgraded: PlaybookInput = structuredClone(base);
  upgraded.rubric = {
    ...upgraded.rubric,
    hot: document.hot ?? base.rubric.hot,
    warm: document.warm ?? base.rubric.warm,
    categories: base.rubric.categories.map((category) => {
      const old = Object.keys(CATEGORY_OF_WEIGHT).find((key) => CATEGORY_OF_WEIGHT[key] === category.id);
      const weight = old === undefined ? undefined : weights[old];
      return { ...category, weight: typeof weight === 'number' ? weight : category.weight };
    }),
  };
  return upgraded;
}

interface UpgradeShape {
  upgradeFrom: string;
  weights?: Record<string, unknown>;
  hot?: number;
  warm?: number;
}

function isUpgradeShape(document: unknown): document is UpgradeShape {
  return (
    typeof document === 'object' &&
    document !== null &&
    typeof (document as { upgradeFrom?: unknown }).upgradeFrom === 'string'
  );
}
