/**
 * The rubric: categories with weights whose sum is shown live (the server refuses
 * any other sum than 100), how each is earned, and the hot and warm thresholds.
 */
import { useI18n } from '../../i18n';
import type { Playbook } from '../../types';
import { Field, IssueCount, JsonInput, Problems, TextPair } from './fields';
import { ItemTools } from './item-tools';
import { moveBy, patchAt, removeAt } from './list-edit';

type Rubric = Playbook['rubric'];
type Category = Rubric['categories'][number];

export function weightSum(rubric: Rubric): number {
  // Rounded so shares like 33.3 + 33.3 + 33.4 read as 100, not 99.99999999999999.
  return Math.round(rubric.categories.reduce((sum, c) => sum + (Number(c.weight) || 0), 0) * 1e6) / 1e6;
}

export function RubricEditor({ rubric, onChange }: { rubric: Rubric; onChange(rubric: Rubric): void }) {
  const { t } = useI18n();
  const sum = weightSum(rubric);
  const categories = rubric.categories;
  const setCategories = (next: Category[]) => onChange({ ...rubric, categories: next });
  return (
    <div className="items">
      <p className={`weight-sum ${sum === 100 ? 'ok' : 'error'}`} data-testid="weight-sum" aria-live="polite">
        {t('playbook.weightSum', { sum })}
      </p>
      <Problems path="rubric.categories" />
      <Problems path="rubric" />
      {categories.map((category, i) => {
        const path = `rubric.categories.${i}`;
        const patch = (p: Partial<Category>) => setCategories(patchAt(categories, i, p));
        return (
          <div key={i} className="item open" data-category={category.id}>
            <div className="item-head">
              <strong>
                {category.id} <IssueCount path={path} />
              </strong>
              <ItemTools
                index={i}
                count={categories.length}
                onMove={(delta) => setCategories(moveBy(categories, i, delta))}
                onRemove={() => setCategories(removeAt(categories, i))}
              />
            </div>
            <div className="item-body">
              <div className="row wrap">
                <Field label={t('playbook.id')} path={`${path}.id`}>
                  <input name={`${path}.id`} value={category.id} onChange={(e) => patch({ id: e.target.value })} />
                </Field>
                <Field label={t('playbook.weight')} path={`${path}.weight`}>
                  <input
                    type="number"
                    name={`${path}.weight`}
                    min={0}
                    max={100}
                    step="any"
                    value={Number.isFinite(category.weight) ? category.weight : ''}
                    onChange={(e) => patch({ weight: e.target.value === '' ? 0 : Number(e.target.value) })}
                  />
                </Field>
              </div>
              <TextPair
                label={t('playbook.label')}
                path={`${path}.label`}
                value={category.label}
                onChange={(label) => patch({ label })}
              />
              <details>
                <summary className="small">
                  {t('playbook.earn')} ({category.earn.length}) <IssueCount path={`${path}.earn`} />
                </summary>
                <p className="muted small">{t('playbook.earnHint')}</p>
                <JsonInput
                  label={t('playbook.earn')}
                  path={`${path}.earn`}
                  value={category.earn}
                  onChange={(earn) => patch({ earn: earn as Category['earn'] })}
                />
              </details>
            </div>
          </div>
        );
      })}
      <button
        type="button"
        className="link"
        onClick={() =>
          setCategories([
            ...categories,
            { id: `category${categories.length + 1}`, label: { id: '', en: '' }, weight: 0, earn: [] },
          ])
        }
      >
        + {t('playbook.addCategory')}
      </button>
      <div className="row wrap">
        <Field label={t('settings.hot')} path="rubric.hot">
          <input
            type="number"
            name="rubric.hot"
            min={1}
            max={100}
            value={rubric.hot}
            onChange={(e) => onChange({ ...rubric, hot: Number(e.target.value) })}
          />
        </Field>
        <Field label={t('settings.warm')} path="rubric.warm">
          <input
            type="number"
            name="rubric.warm"
            min={0}
            max={99}
            value={rubric.warm}
            onChange={(e) => onChange({ ...rubric, warm: Number(e.target.value) })}
          />
        </Field>
      </div>
    </div>
  );
}
