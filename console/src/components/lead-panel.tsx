/** Score, temperature, state, next action, the facts gathered and the Brain's reasoning. */
import { labelOf, useI18n, type MessageKey } from '../i18n';
import { FactList } from './fact-list';
import type { Conversation } from '../types';

export function LeadPanel({ conversation }: { conversation: Conversation }) {
  const { t } = useI18n();
  const memory = conversation.contact.metadata ?? {};
  const temperature = conversation.leadTemperature;
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
      <h3>{t('lead.facts')}</h3>
      <FactList facts={memory.facts} />
      {memory.lead?.reasoning && (
        <>
          <h3>{t('lead.reasoning')}</h3>
          <p className="reasoning">{memory.lead.reasoning}</p>
        </>
      )}
    </aside>
  );
}
