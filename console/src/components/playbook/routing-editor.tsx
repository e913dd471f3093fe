/** Routing: where each kind of moment sends the conversation, a select per case, and the business's own signals. */
import { useI18n, type MessageKey } from '../../i18n';
import type { Playbook } from '../../types';
import { Field, Problems } from './fields';
import { patchAt, removeAt } from './list-edit';
import { keysOf, ROUTING_TARGETS, STANDARD_SIGNALS } from './vocabulary';

type Routing = Playbook['routing'];
type Target = Routing['hot'];
type Case = Exclude<keyof Routing, 'signals'>;

const CASES: Record<Case, MessageKey> = {
  hot: 'routing.hot',
  browsing: 'routing.browsing',
  pricingUnknown: 'routing.pricingUnknown',
  complaint: 'routing.complaint',
  humanRequest: 'routing.humanRequest',
  booking: 'routing.booking',
};

export function RoutingEditor({ playbook, onChange }: { playbook: Playbook; onChange(routing: Routing): void }) {
  const { t } = useI18n();
  const routing = playbook.routing;
  const own = playbook.signals.map((s) => s.id).filter((id) => !(STANDARD_SIGNALS as string[]).includes(id));
  const targetSelect = (name: string, value: Target, set: (target: Target) => void) => (
    <select name={name} value={value} onChange={(e) => set(e.target.value as Target)}>
      {keysOf(ROUTING_TARGETS).map((target) => (
        <option key={target} value={target}>
          {t(ROUTING_TARGETS[target])}
        </option>
      ))}
    </select>
  );
  return (
    <div className="items">
      <Problems path="routing" />
      <div className="routing-grid">
        {keysOf(CASES).map((key) => (
          <Field key={key} label={t(CASES[key])} path={`routing.${key}`}>
            {targetSelect(`routing.${key}`, routing[key], (target) => onChange({ ...routing, [key]: target }))}
          </Field>
        ))}
      </div>
      <h3>{t('routing.ownSignals')}</h3>
      {routing.signals.length === 0 && <p className="muted small">{t('routing.noOwnSignals')}</p>}
      {routing.signals.map((route, i) => {
        const path = `routing.signals.${i}`;
        return (
          <div key={i} className="row wrap">
            <Field label={t('playbook.signal')} path={`${path}.signal`}>
              <select
                name={`${path}.signal`}
                value={route.signal}
                onChange={(e) =>
                  onChange({ ...routing, signals: patchAt(routing.signals, i, { signal: e.target.value }) })
                }
              >
                {[...new Set([...own, route.signal])].map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('routing.to')} path={`${path}.to`}>
              {targetSelect(`${path}.to`, route.to, (to) =>
                onChange({ ...routing, signals: patchAt(routing.signals, i, { to }) }),
              )}
            </Field>
            <button
              type="button"
              className="link danger"
              onClick={() => onChange({ ...routing, signals: removeAt(routing.signals, i) })}
            >
              {t('settings.remove')}
            </button>
          </div>
        );
      })}
      {own.length > 0 && (
        <button
          type="button"
          className="link"
          onClick={() => onChange({ ...routing, signals: [...routing.signals, { signal: own[0]!, to: 'hand_off' }] })}
        >
          + {t('routing.addRoute')}
        </button>
      )}
    </div>
  );
}
