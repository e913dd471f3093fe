/** What the assistant learned about a lead (contacts.metadata.facts), empty facts left out. */
import { labelOf, useI18n } from '../i18n';

export function FactList({ facts }: { facts: Record<string, unknown> | undefined }) {
  const { t } = useI18n();
  const known = Object.entries(facts ?? {}).filter(
    ([, v]) =>
      v !== null && v !== undefined && v !== '' && !(typeof v === 'object' && Object.keys(v as object).length === 0),
  );
  if (known.length === 0) return null;
  return (
    <dl className="facts">
      {known.map(([key, value]) => (
        <div key={key}>
          <dt>{labelOf(t, 'fact', key)}</dt>
          <dd>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
