/** Quiet hours (handoffs then say when the team is back) and the cap on assistant replies per conversation. */
import { useI18n } from '../../i18n';
import type { Playbook } from '../../types';
import { Field, Problems } from './fields';

export function LimitsEditor({
  playbook,
  onChange,
}: {
  playbook: Playbook;
  onChange(patch: Pick<Partial<Playbook>, 'quietHours' | 'maxAiTurns'>): void;
}) {
  const { t } = useI18n();
  const quiet = playbook.quietHours;
  return (
    <div className="items">
      <fieldset className="pair">
        <legend>{t('limits.quietHours')}</legend>
        <p className="muted small">{t('limits.quietHint')}</p>
        <label className="check">
          <input
            type="checkbox"
            name="quietHours.enabled"
            checked={quiet !== null}
            onChange={(e) => onChange({ quietHours: e.target.checked ? { from: '20:00', to: '08:00' } : null })}
          />
          {t('limits.quietOn')}
        </label>
        {quiet && (
          <div className="row wrap">
            <Field label={t('limits.from')} path="quietHours.from">
              <input
                type="time"
                name="quietHours.from"
                value={quiet.from}
                onChange={(e) => onChange({ quietHours: { ...quiet, from: e.target.value } })}
              />
            </Field>
            <Field label={t('limits.to')} path="quietHours.to">
              <input
                type="time"
                name="quietHours.to"
                value={quiet.to}
                onChange={(e) => onChange({ quietHours: { ...quiet, to: e.target.value } })}
              />
            </Field>
          </div>
        )}
        <Problems path="quietHours" />
      </fieldset>
      <Field label={t('limits.maxAiTurns')} path="maxAiTurns">
        <input
          type="number"
          name="maxAiTurns"
          min={1}
          max={1000}
          placeholder={t('limits.noCap')}
          value={playbook.maxAiTurns ?? ''}
          onChange={(e) => onChange({ maxAiTurns: e.target.value === '' ? null : Number(e.target.value) })}
        />
      </Field>
      <p className="muted small">{t('limits.maxAiTurnsHint')}</p>
    </div>
  );
}
