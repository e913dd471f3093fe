/** A model chain: the defaults, or the workspace's own list of links (provider, model, deadline). */
import { useI18n } from '../i18n';
import type { ModelLink } from '../types';

export function ChainEditor(props: {
  label: string;
  chain: ModelLink[] | null;
  effective: ModelLink[];
  providers: Array<{ provider: string; configured: boolean }>;
  onChange(chain: ModelLink[] | null): void;
}) {
  const { t } = useI18n();
  const { chain, onChange } = props;
  const update = (index: number, patch: Partial<ModelLink>) =>
    onChange(chain!.map((link, i) => (i === index ? { ...link, ...patch } : link)));
  return (
    <fieldset className="chain">
      <legend>{props.label}</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={chain === null}
          onChange={(e) => onChange(e.target.checked ? null : props.effective)}
        />
        {t('settings.useDefaults')}
      </label>
      {chain === null ? (
        <p className="muted">{props.effective.map((l) => `${l.provider}/${l.model}`).join(' → ')}</p>
      ) : (
        <ol>
          {chain.map((link, i) => (
            <li key={i} className="row">
              <select
                value={link.provider}
                onChange={(e) => update(i, { provider: e.target.value })}
                aria-label="provider"
              >
                {props.providers.map((p) => (
                  <option key={p.provider} value={p.provider}>
                    {p.provider}
                    {p.configured ? '' : ` (${t('settings.noKey')})`}
                  </option>
                ))}
              </select>
              <input value={link.model} onChange={(e) => update(i, { model: e.target.value })} aria-label="model" />
              <input
                type="number"
                min={100}
                step={100}
                value={link.timeoutMs}
                onChange={(e) => update(i, { timeoutMs: Number(e.target.value) })}
                aria-label="timeout ms"
              />
              <button type="button" className="link" onClick={() => onChange(chain.filter((_, k) => k !== i))}>
                {t('settings.remove')}
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="link"
              onClick={() => onChange([...chain, { provider: 'rules', model: 'ari-rules-v1', timeoutMs: 1000 }])}
            >
              + {t('settings.addLink')}
            </button>
          </li>
        </ol>
      )}
    </fieldset>
  );
}
