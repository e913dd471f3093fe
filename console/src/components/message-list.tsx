/** A conversation's messages: who wrote each, when, and for ours the delivery ticks, the failure's reason, or "sent again". */
import { useEffect, useRef } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import type { Message } from '../types';

const TICKS: Record<string, string> = { pending: '🕓', sending: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓' };

export function MessageList({ messages }: { messages: Message[] }) {
  const { t, locale } = useI18n();
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Braces matter: newer browsers' scrollIntoView returns a promise, which React would take for a clean-up.
    void end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length]);
  const time = (iso: string) =>
    new Date(iso).toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  return (
    <ol className="messages">
      {messages.map((m) => (
        <li key={m.id} className={`message ${m.direction} role-${m.role}`} data-role={m.role}>
          <span className="who">{t(`role.${m.role}` as MessageKey)}</span>
          <p>{m.content}</p>
          <span className="meta">
            {time(m.createdAt)}
            {m.direction === 'outbound' && (
              <span className={`status status-${m.status}`} title={m.status} data-status={m.status}>
                {m.status === 'failed' ? `⚠ ${m.error ?? 'failed'}` : TICKS[m.status]}
              </span>
            )}
            {m.recovered && (
              <span className="recovered" title={t('message.recoveredHint')} data-recovered="true">
                {t('message.recovered')}
              </span>
            )}
            {m.resentAt && (
              <span className="resent" title={t('message.sentAgainHint')} data-resent="true">
                {t('message.sentAgain')}
              </span>
            )}
          </span>
        </li>
      ))}
      <div ref={end} />
    </ol>
  );
}
