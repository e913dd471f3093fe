/**
 * What the assistant learned about a lead (contacts.metadata.facts, keyed by slot id),
 * empty facts left out. Each fact is named by its slot's label when the playbook is
 * loaded, else by the slot id (also for facts of slots the playbook no longer has).
 */
import { useI18n } from '../i18n';
import type { Playbook } from '../types';

export function FactList({
  facts,
  playbook,
}: {
  facts: Record<string, unknown> | undefined;
  playbook: Playbook | null;
}) {
  const { t, locale } = useI18n();
  const known = Object.entries(facts ?? {}).filter(
    ([, v]) =>
      v !== null && v !== undefined && v !== '' && !(typeof v === 'object' && Object.keys(v as object).length === 0),
  );
  if (known.length === 0) return null;
  const slotOf = (id: string) => playbook?.slots.find((s) => s.id === id);
  const show = (value: unknown): string => {
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
    if (typeof value === 'number') return value.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB');
    if (Array.isArray(value)) return value.map(show).join(', ');
    if (value && typeof value === 'object') {
      // A timeline ({ years } or { later }), or a slot answered "not sure yet".
      const { years, later, undecided } = value as { years?: unknown; later?: unknown; undecided?: unknown };
      if (undecided === true) return t('fact.undecided');
      if (later === true) return t('fact.later');
      if (years === 0) return t('fact.thisYear');
      if (typeof years === 'number') return t('fact.years', { years });
      return JSON.stringify(value);
    }
    return String(value);
  };
  return (
    <dl className="facts">
      {known.map(([key, value]) => (
        <div key={key} data-fact={key}>
          <dt>{slotOf(key)?.label[locale] ?? key}</dt>
          <dd>{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
