/** The playbook's id, name and description in both languages. */
import { useI18n } from '../../i18n';
import type { Playbook } from '../../types';
import { Field, TextPair } from './fields';

export function GeneralEditor({
  playbook,
  onChange,
}: {
  playbook: Playbook;
  onChange(patch: Pick<Partial<Playbook>, 'id' | 'name' | 'description'>): void;
}) {
  const { t } = useI18n();
  return (
    <div className="items">
      <Field label={t('playbook.id')} path="id">
        <input name="id" value={playbook.id} onChange={(e) => onChange({ id: e.target.value })} />
      </Field>
      <TextPair label={t('playbook.name')} path="name" value={playbook.name} onChange={(name) => onChange({ name })} />
      <TextPair
        label={t('playbook.description')}
        path="description"
        value={playbook.description}
        onChange={(description) => onChange({ description })}
        long
      />
    </div>
  );
}
