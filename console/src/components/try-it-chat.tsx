/**
 * Talking to the assistant as a customer through the sandbox channel, and the lead
 * panel as it judges: the Try it screen, and beside the playbook editor (each reply
 * reads the workspace's settings and playbook afresh, so a save shapes the next one).
 */
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { Workspace } from '../types';
import { useThread } from '../use-data';
import { LeadPanel } from './lead-panel';
import { MessageList } from './message-list';

const randomPhone = () => `+62899${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

export function TryItChat({ workspace, title }: { workspace: Workspace; title: string }) {
  const { t } = useI18n();
  const [phone, setPhone] = useState(() => sessionStorage.getItem('ari.try.phone') ?? randomPhone());
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const thread = useThread(workspace.slug, conversationId);

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    try {
      sessionStorage.setItem('ari.try.phone', phone);
      const result = await api.post<{ conversationId: string }>(`/workspaces/${workspace.slug}/sandbox/messages`, {
        from: phone,
        text,
        ...(name.trim() && { name: name.trim() }),
      });
      setText('');
      setError(null);
      if (result.conversationId === conversationId) thread.reload();
      else setConversationId(result.conversationId);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const newCustomer = () => {
    const next = randomPhone();
    sessionStorage.setItem('ari.try.phone', next);
    setPhone(next);
    setConversationId(null);
  };
  const messages = thread.data?.messages ?? [];
  const waiting = messages.length > 0 && messages.at(-1)!.direction === 'inbound' && thread.data?.mode === 'ai';
  return (
    <>
      <section className="thread card try-it-chat">
        <header className="thread-head">
          <div>
            <h1>{title}</h1>
            <div className="row wrap">
              <label>
                {t('try.phone')}
                <input
                  name="tryPhone"
                  value={phone}
                  onChange={(e) => {
                    setPhone(e.target.value);
                    setConversationId(null);
                  }}
                />
              </label>
              <label>
                {t('try.name')}
                <input name="tryName" value={name} onChange={(e) => setName(e.target.value)} />
              </label>
            </div>
          </div>
          <button type="button" className="secondary" onClick={newCustomer}>
            {t('try.newCustomer')}
          </button>
        </header>
        <MessageList messages={messages} />
        {waiting && <p className="muted small typing">{t('try.waiting')}</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <form className="reply" onSubmit={send}>
          <textarea
            aria-label={t('try.placeholder')}
            placeholder={t('try.placeholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && !e.shiftKey && void send(e)}
          />
          <button type="submit" disabled={!text.trim()}>
            {t('common.send')}
          </button>
        </form>
      </section>
      {thread.data && <LeadPanel slug={workspace.slug} conversation={thread.data} />}
    </>
  );
}
