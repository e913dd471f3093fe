/** Score, temperature, state, next action, points per rubric category, the facts gathered and the Brain's reasoning. */
import { labelOf, useI18n, type MessageKey } from '../i18n';
import { FactList } from './fact-list';
import type { Conversation } from '../types';
import { useWorkspacePlaybook } from '../use-workspace-playbook';

export function LeadPanel({ slug, conversation }: { slug: string; conversation: Conversation }) {
  const { t, locale } = useI18n();
  const playbook = useWorkspacePlaybook(slug)?.playbook ?? null;
  const memory = conversation.contact.metadata ?? {};
  const temperature = conversation.leadTemperature;
  const categories = playbook?.rubric.categories ?? [];
  const category = (id: string) => categories.find((c) => c.id === id);
  // In the rubric's order; ids the playbook no longer has come last.
  const rank = (id: string) => {
    const index = categories.findIndex((c) => c.id === id);
    return index < 0 ? categories.length : index;
  };
  const points = Object.entries(memory.lead?.points ?? {}).sort(([a], [b]) => rank(a) - rank(b));
  return (
    <aside className="lead-panel card" aria-label={t('lead.title')}>
      <h2>{t('lead.title')}</h2>
      <div className="score-line">
        <span className="score" data-testid="lead-score">
          {conversation.leadScore ?? '–'}
        </span>
        {temperature && <span className={`chip temp-${temperature}`}>{t(`temp.${temperature}` as MessageKey)}</span>}
      </div>
      <dl>
        <dt>{t('lead.state')}</dt>
        <dd data-testid="lead-state">{t(`state.${conversation.state}` as MessageKey)}</dd>
        <dt>{t('lead.nextAction')}</dt>
        <dd>{conversation.nextAction ? labelOf(t, 'next', conversation.nextAction) : '–'}</dd>
        {conversation.handoffReason && (
          <>
            <dt>{t('lead.handoff')}</dt>
            <dd>{conversation.handoffReason}</dd>
          </>
        )}
      </dl>
      {points.length > 0 && (
        <>
          <h3>{t('lead.points')}</h3>
          <dl className="facts" data-testid="lead-points">
            {points.map(([id, value]) => {
              const known = category(id);
              return (
                <div key={id}>
                  <dt>{known?.label[locale] ?? id}</dt>
                  <dd>
                    {Math.round(value * 10) / 10}
                    {known ? ` / ${known.weight}` : ''}
                  </dd>
                </div>
              );
            })}
          </dl>
        </>
      )}
      <h3>{t('lead.facts')}</h3>
      <FactList facts={memory.facts} playbook={playbook} />
      {memory.lead?.reasoning && (
        <>
          <h3>{t('lead.reasoning')}</h3>
          <p className="reasoning">{memory.lead.reasoning}</p>
        </>
      )}
    </aside>
  );
}
