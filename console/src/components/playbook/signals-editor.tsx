/** Signals: more words for the standard ones (pricing, complaint, …) and the business's own, per language. */
import { useI18n } from '../../i18n';
import type { Playbook } from '../../types';
import { Field, IssueCount, PatternsInput, Problems, WordsPair } from './fields';
import { patchAt, removeAt } from './list-edit';
import { STANDARD_SIGNALS } from './vocabulary';

type Signal = Playbook['signals'][number];

export function SignalsEditor({ signals, onChange }: { signals: Signal[]; onChange(signals: Signal[]): void }) {
  const { t } = useI18n();
  return (
    <div className="items">
      <p className="muted small">{t('signals.hint', { standard: STANDARD_SIGNALS.join(', ') })}</p>
      <Problems path="signals" />
      <datalist id="standard-signals">
        {STANDARD_SIGNALS.map((id) => (
          <option key={id} value={id} />
        ))}
      </datalist>
      {signals.map((signal, i) => {
        const path = `signals.${i}`;
        const patch = (p: Partial<Signal>) => onChange(patchAt(signals, i, p));
        return (
          <div key={i} className="item open" data-signal={signal.id}>
            <div className="item-head">
              <strong>
                {signal.id} <IssueCount path={path} />
              </strong>
              <button type="button" className="link danger" onClick={() => onChange(removeAt(signals, i))}>
                {t('settings.remove')}
              </button>
            </div>
            <div className="item-body">
              <Field label={t('playbook.id')} path={`${path}.id`}>
                <input
                  name={`${path}.id`}
                  list="standard-signals"
                  value={signal.id}
                  onChange={(e) => patch({ id: e.target.value })}
                />
              </Field>
              <WordsPair
                label={t('playbook.words')}
                path={`${path}.words`}
                value={signal.words}
                onChange={(words) => patch({ words })}
              />
              <PatternsInput
                path={`${path}.patterns`}
                value={signal.patterns}
                onChange={(patterns) => patch({ patterns })}
              />
            </div>
          </div>
        );
      })}
      <button
        type="button"
        className="link"
        onClick={() =>
          onChange([...signals, { id: `signal${signals.length + 1}`, words: { id: [], en: [] }, patterns: [] }])
        }
      >
        + {t('signals.add')}
      </button>
    </div>
  );
}
