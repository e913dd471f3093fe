/** The slots: what the assistant asks and listens for, in both languages. One slot is open at a time. */
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { Playbook } from '../../types';
import { Field, IssueCount, JsonInput, PatternsInput, Problems, TextPair, WordsInput, WordsPair } from './fields';
import { ItemTools } from './item-tools';
import { moveBy, patchAt, removeAt } from './list-edit';
import { keysOf, SLOT_KINDS } from './vocabulary';

type Slot = Playbook['slots'][number];
type Choice = Slot['choices'][number];

export function SlotsEditor({ slots, onChange }: { slots: Slot[]; onChange(slots: Slot[]): void }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<number | null>(0);
  const add = () => {
    onChange([
      ...slots,
      {
        id: `slot${slots.length + 1}`,
        kind: 'text',
        required: true,
        label: { id: '', en: '' },
        question: { id: '', en: '' },
        choices: [],
        words: { id: [], en: [] },
        patterns: [],
        skipWhen: [],
      },
    ]);
    setOpen(slots.length);
  };
  return (
    <div className="items">
      <Problems path="slots" />
      {slots.map((slot, i) => {
        const path = `slots.${i}`;
        const patch = (p: Partial<Slot>) => onChange(patchAt(slots, i, p));
        return (
          <div key={i} className={`item${open === i ? ' open' : ''}`} data-slot={slot.id}>
            <div className="item-head">
              <button
                type="button"
                className="link item-toggle"
                aria-expanded={open === i}
                onClick={() => setOpen(open === i ? null : i)}
              >
                <strong>{slot.id}</strong> · {slot.label[locale] || '…'}{' '}
                <span className="muted small">
                  {t(SLOT_KINDS[slot.kind])}
                  {slot.required ? '' : ` · ${t('playbook.optional')}`}
                </span>
                <IssueCount path={path} />
              </button>
              <ItemTools
                index={i}
                count={slots.length}
                onMove={(delta) => {
                  onChange(moveBy(slots, i, delta));
                  setOpen(open === i ? i + delta : open);
                }}
                onRemove={() => {
                  onChange(removeAt(slots, i));
                  setOpen(null);
                }}
              />
            </div>
            {open === i && (
              <div className="item-body">
                <div className="row wrap">
                  <Field label={t('playbook.id')} path={`${path}.id`}>
                    <input name={`${path}.id`} value={slot.id} onChange={(e) => patch({ id: e.target.value })} />
                  </Field>
                  <Field label={t('playbook.kind')} path={`${path}.kind`}>
                    <select
                      name={`${path}.kind`}
                      value={slot.kind}
                      onChange={(e) => patch({ kind: e.target.value as Slot['kind'] })}
                    >
                      {keysOf(SLOT_KINDS).map((kind) => (
                        <option key={kind} value={kind}>
                          {t(SLOT_KINDS[kind])}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <label className="check">
                    <input
                      type="checkbox"
                      name={`${path}.required`}
                      checked={slot.required}
                      onChange={(e) => patch({ required: e.target.checked })}
                    />
                    {t('playbook.required')}
                  </label>
                </div>
                <TextPair
                  label={t('playbook.label')}
                  path={`${path}.label`}
                  value={slot.label}
                  onChange={(label) => patch({ label })}
                />
                <TextPair
                  label={t('playbook.question')}
                  path={`${path}.question`}
                  value={slot.question}
                  onChange={(question) => patch({ question })}
                  long
                />
                <WordsPair
                  label={t('playbook.slotWords')}
                  path={`${path}.words`}
                  value={slot.words}
                  onChange={(words) => patch({ words })}
                />
                <ChoicesEditor
                  path={`${path}.choices`}
                  choices={slot.choices}
                  onChange={(choices) => patch({ choices })}
                />
                <PatternsInput
                  path={`${path}.patterns`}
                  value={slot.patterns}
                  onChange={(patterns) => patch({ patterns })}
                />
                <JsonInput
                  label={t('playbook.skipWhen')}
                  path={`${path}.skipWhen`}
                  value={slot.skipWhen}
                  onChange={(skipWhen) => patch({ skipWhen: skipWhen as Slot['skipWhen'] })}
                />
              </div>
            )}
          </div>
        );
      })}
      <button type="button" className="link" onClick={add}>
        + {t('playbook.addSlot')}
      </button>
    </div>
  );
}

function ChoicesEditor({
  path,
  choices,
  onChange,
}: {
  path: string;
  choices: Choice[];
  onChange(choices: Choice[]): void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="pair">
      <legend>{t('playbook.choices')}</legend>
      <Problems path={path} />
      {choices.length > 0 && (
        <table className="choices">
          <thead>
            <tr>
              <th>{t('playbook.value')}</th>
              <th>{t('playbook.wordsIn', { language: 'ID' })}</th>
              <th>{t('playbook.wordsIn', { language: 'EN' })}</th>
              <th>{t('playbook.meansNo')}</th>
              <th>{t('playbook.meansYes')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {choices.map((choice, i) => {
              const at = `${path}.${i}`;
              const patch = (p: Partial<Choice>) => onChange(patchAt(choices, i, p));
              return (
                <tr key={i}>
                  <td>
                    <input
                      name={`${at}.value`}
                      aria-label={t('playbook.value')}
                      value={choice.value}
                      onChange={(e) => patch({ value: e.target.value })}
                    />
                    <Problems path={`${at}.value`} />
                  </td>
                  {(['id', 'en'] as const).map((language) => (
                    <td key={language}>
                      <WordsInput
                        name={`${at}.words.${language}`}
                        ariaLabel={t('playbook.wordsIn', { language: language.toUpperCase() })}
                        value={choice.words[language]}
                        onChange={(words) => patch({ words: { ...choice.words, [language]: words } })}
                      />
                    </td>
                  ))}
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('playbook.meansNo')}
                      checked={choice.meansNo}
                      onChange={(e) => patch({ meansNo: e.target.checked })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('playbook.meansYes')}
                      checked={choice.meansYes}
                      onChange={(e) => patch({ meansYes: e.target.checked })}
                    />
                  </td>
                  <td>
                    <button type="button" className="link danger" onClick={() => onChange(removeAt(choices, i))}>
                      {t('settings.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button
        type="button"
        className="link"
        onClick={() =>
          onChange([...choices, { value: '', words: { id: [], en: [] }, meansNo: false, meansYes: false }])
        }
      >
        + {t('playbook.addChoice')}
      </button>
    </fieldset>
  );
}
