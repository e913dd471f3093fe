/**
 * The stages: which conversation state each stands for, its goal in both
 * languages, the slots it asks in order, and when it is over.
 */
import { useI18n } from '../../i18n';
import type { Playbook } from '../../types';
import { Field, IssueCount, IssueList, Problems, TextPair } from './fields';
import { ItemTools } from './item-tools';
import { moveBy, patchAt, removeAt } from './list-edit';
import { keysOf, STAGE_STATES, STANDARD_SIGNALS } from './vocabulary';

type Stage = Playbook['stages'][number];
type ExitWhen = Stage['exitWhen'];

export function StagesEditor({ playbook, onChange }: { playbook: Playbook; onChange(stages: Stage[]): void }) {
  const { t, locale } = useI18n();
  const stages = playbook.stages;
  const labelOf = (id: string) => playbook.slots.find((s) => s.id === id)?.label[locale];
  const slotIds = playbook.slots.map((s) => s.id);
  const signalIds = [...new Set([...STANDARD_SIGNALS, ...playbook.signals.map((s) => s.id)])];
  return (
    <div className="items">
      <Problems path="stages" />
      {stages.map((stage, i) => {
        const path = `stages.${i}`;
        const patch = (p: Partial<Stage>) => onChange(patchAt(stages, i, p));
        /** An empty condition list is left out of the document rather than stored as []. */
        const setExit = (key: 'allKnown' | 'anySignal', values: string[]) => {
          const { [key]: _dropped, ...rest } = stage.exitWhen;
          patch({ exitWhen: values.length > 0 ? { ...rest, [key]: values } : rest });
        };
        const unused = slotIds.filter((id) => !stage.slots.includes(id));
        return (
          <div key={i} className="item open" data-stage={stage.id}>
            <div className="item-head">
              <strong>
                {i + 1}. {stage.id} <IssueCount path={path} />
              </strong>
              <ItemTools
                index={i}
                count={stages.length}
                onMove={(delta) => onChange(moveBy(stages, i, delta))}
                onRemove={() => onChange(removeAt(stages, i))}
              />
            </div>
            <div className="item-body">
              <div className="row wrap">
                <Field label={t('playbook.id')} path={`${path}.id`}>
                  <input name={`${path}.id`} value={stage.id} onChange={(e) => patch({ id: e.target.value })} />
                </Field>
                <Field label={t('playbook.stageState')} path={`${path}.state`}>
                  <select
                    name={`${path}.state`}
                    value={stage.state}
                    onChange={(e) => patch({ state: e.target.value as Stage['state'] })}
                  >
                    {keysOf(STAGE_STATES).map((state) => (
                      <option key={state} value={state}>
                        {t(STAGE_STATES[state])}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
              <TextPair
                label={t('playbook.goal')}
                path={`${path}.goal`}
                value={stage.goal}
                onChange={(goal) => patch({ goal })}
                long
              />
              <fieldset className="pair">
                <legend>{t('playbook.stageSlots')}</legend>
                <ol className="stage-slots">
                  {stage.slots.map((id, k) => (
                    <li key={`${id}-${k}`} className="row">
                      <span className="grow">
                        {id} <span className="muted small">{labelOf(id)}</span>
                        <Problems path={`${path}.slots.${k}`} />
                      </span>
                      <ItemTools
                        index={k}
                        count={stage.slots.length}
                        onMove={(delta) => patch({ slots: moveBy(stage.slots, k, delta) })}
                        onRemove={() => patch({ slots: removeAt(stage.slots, k) })}
                      />
                    </li>
                  ))}
                </ol>
                {unused.length > 0 && (
                  <select
                    aria-label={t('playbook.addStageSlot')}
                    value=""
                    onChange={(e) => e.target.value && patch({ slots: [...stage.slots, e.target.value] })}
                  >
                    <option value="">+ {t('playbook.addStageSlot')}</option>
                    {unused.map((id) => (
                      <option key={id} value={id}>
                        {id} · {labelOf(id)}
                      </option>
                    ))}
                  </select>
                )}
              </fieldset>
              <fieldset className="pair">
                <legend>{t('playbook.exitWhen')}</legend>
                <p className="muted small">{t('playbook.exitHint')}</p>
                <Checklist
                  label={t('playbook.exitAllKnown')}
                  path={`${path}.exitWhen.allKnown`}
                  options={slotIds}
                  chosen={stage.exitWhen.allKnown ?? []}
                  onChange={(values) => setExit('allKnown', values)}
                />
                <Checklist
                  label={t('playbook.exitAnySignal')}
                  path={`${path}.exitWhen.anySignal`}
                  options={signalIds}
                  chosen={stage.exitWhen.anySignal ?? []}
                  onChange={(values) => setExit('anySignal', values)}
                />
                <Field label={t('playbook.exitLead')} path={`${path}.exitWhen.leadAtLeast`}>
                  <select
                    name={`${path}.exitWhen.leadAtLeast`}
                    value={stage.exitWhen.leadAtLeast ?? ''}
                    onChange={(e) => {
                      const { leadAtLeast: _dropped, ...rest } = stage.exitWhen;
                      const value = e.target.value as NonNullable<ExitWhen['leadAtLeast']> | '';
                      patch({ exitWhen: value ? { ...rest, leadAtLeast: value } : rest });
                    }}
                  >
                    <option value="">{t('common.none')}</option>
                    <option value="warm">{t('temp.warm')}</option>
                    <option value="hot">{t('temp.hot')}</option>
                  </select>
                </Field>
              </fieldset>
            </div>
          </div>
        );
      })}
      <button
        type="button"
        className="link"
        onClick={() =>
          onChange([
            ...stages,
            { id: `stage${stages.length + 1}`, state: 'qualifying', goal: { id: '', en: '' }, slots: [], exitWhen: {} },
          ])
        }
      >
        + {t('playbook.addStage')}
      </button>
    </div>
  );
}

/** Ticks over a list of ids; ids chosen but unknown (a removed slot) stay listed so they can be unticked. */
function Checklist({
  label,
  path,
  options,
  chosen,
  onChange,
}: {
  label: string;
  path: string;
  options: string[];
  chosen: string[];
  onChange(values: string[]): void;
}) {
  const all = [...options, ...chosen.filter((id) => !options.includes(id))];
  return (
    <div className="checklist">
      <span className="small">{label}</span>
      <div className="row wrap">
        {all.map((id) => (
          <label key={id} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(id)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, id] : chosen.filter((c) => c !== id))}
            />
            {id}
          </label>
        ))}
      </div>
      <IssueList path={path} />
    </div>
  );
}
