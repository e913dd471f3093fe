/** The built-in playbooks, each with its name and description and a "use this" button. */
import { useI18n } from '../../i18n';
import type { PlaybookSummary } from '../../types';

export function BuiltInList({
  playbooks,
  inUse,
  custom,
  onUse,
}: {
  playbooks: PlaybookSummary[];
  /** The built-in the workspace follows (null when it has its own). */
  inUse: string | null;
  custom: boolean;
  onUse(id: string): void;
}) {
  const { t, locale } = useI18n();
  return (
    <section className="card built-ins">
      <h2>{t('playbook.builtIns')}</h2>
      {custom && <p className="muted small">{t('playbook.useReplacesOwn')}</p>}
      <ul>
        {playbooks.map((playbook) => (
          <li key={playbook.id} data-built-in={playbook.id}>
            <div className="grow">
              <strong>{playbook.name[locale]}</strong> <code className="muted small">{playbook.id}</code>
              <p className="muted small">{playbook.description[locale]}</p>
            </div>
            {inUse === playbook.id ? (
              <span className="chip in-use">{t('playbook.inUse')}</span>
            ) : (
              <button type="button" className="secondary" onClick={() => onUse(playbook.id)}>
                {t('playbook.useThis')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
