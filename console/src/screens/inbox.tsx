/** Conversations with filters and search, one thread with the reply box, take over / hand back, and the lead panel — live. */
import { useEffect, useState } from 'react';
import { api } from '../api';
import { LeadPanel } from '../components/lead-panel';
import { MessageList } from '../components/message-list';
import { useI18n, type MessageKey } from '../i18n';
import type { Conversation, Thread, Workspace } from '../types';
import { useCoalesced, useData, useThread, useWorkspaceEvents } from '../use-data';
import { contactHandle } from '../contact-handle.js';

/** Conversations per page; "Load more" shows one page more (the API's cap is 500). */
const PAGE = 50;

const DAY_MS = 24 * 60 * 60 * 1000;

interface Filters {
  mode: string;
  temperature: string;
  state: string;
  unread: boolean;
  windowOpen: boolean;
  q: string;
}

export function InboxScreen({ workspace, openId }: { workspace: Workspace; openId: string | null }) {
  const { t } = useI18n();
  const [filters, setFilters] = useState<Filters>({
    mode: '',
    temperature: '',
    state: '',
    unread: false,
    windowOpen: false,
    q: '',
  });
  const [limit, setLimit] = useState(PAGE);
  const query = new URLSearchParams({
    limit: String(limit),
    ...(filters.mode && { mode: filters.mode }),
    ...(filters.temperature && { temperature: filters.temperature }),
    ...(filters.state && { state: filters.state }),
    ...(filters.unread && { unread: 'true' }),
    ...(filters.windowOpen && { windowOpen: 'true' }),
    ...(filters.q.trim() && { q: filters.q.trim() }),
  }).toString();
  const list = useData(
    () =>
      api.get<{ conversations: Conversation[]; nextCursor: string | null }>(
        `/workspaces/${workspace.slug}/conversations?${query}`,
      ),
    [workspace.slug, query],
  );
  const thread = useThread(workspace.slug, openId);
  const reloadSoon = useCoalesced(list.reload);
  useWorkspaceEvents(workspace.slug, (event) => event.type === 'conversation.changed' && reloadSoon());
  useEffect(() => {
    if (openId) void api.post(`/workspaces/${workspace.slug}/conversations/${openId}/read`, {}).catch(() => undefined);
  }, [workspace.slug, openId]);

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const option = (value: string, key: MessageKey) => (
    <option key={value} value={value}>
      {t(key)}
    </option>
  );
  return (
    <div className={`inbox ${openId ? 'has-open' : ''}`}>
      <section className="conversation-list card">
        <div className="filters">
          <input
            type="search"
            placeholder={t('common.search')}
            value={filters.q}
            onChange={(e) => set({ q: e.target.value })}
            aria-label={t('common.search')}
          />
          <select aria-label={t('filter.mode')} value={filters.mode} onChange={(e) => set({ mode: e.target.value })}>
            <option value="">{`${t('filter.mode')}: ${t('common.all')}`}</option>
            {option('ai', 'mode.ai')}
            {option('human', 'mode.human')}
          </select>
          <select
            aria-label={t('filter.temperature')}
            value={filters.temperature}
            onChange={(e) => set({ temperature: e.target.value })}
          >
            <option value="">{`${t('filter.temperature')}: ${t('common.all')}`}</option>
            {(['hot', 'warm', 'cold'] as const).map((v) => option(v, `temp.${v}`))}
          </select>
          <select aria-label={t('filter.state')} value={filters.state} onChange={(e) => set({ state: e.target.value })}>
            <option value="">{`${t('filter.state')}: ${t('common.all')}`}</option>
            {(['greeting', 'qualifying', 'scheduling', 'booked', 'handoff'] as const).map((v) =>
              option(v, `state.${v}`),
            )}
          </select>
          <label className="check">
            <input type="checkbox" checked={filters.unread} onChange={(e) => set({ unread: e.target.checked })} />
            {t('filter.unread')}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={filters.windowOpen}
              onChange={(e) => set({ windowOpen: e.target.checked })}
            />
            {t('filter.window')}
          </label>
        </div>
        {list.error && <p className="error">{list.error}</p>}
        <ul className="conversations">
          {list.data?.conversations.length === 0 && <li className="muted">{t('inbox.empty')}</li>}
          {list.data?.conversations.map((c) => (
            <li key={c.id} className={c.id === openId ? 'selected' : ''}>
              <a href={`#/${workspace.slug}/inbox/${c.id}`} data-conversation={c.id}>
                <span className="name">{c.contact.name ?? contactHandle(c.contact)}</span>
                {c.unreadCount > 0 && <span className="badge">{c.unreadCount}</span>}
                <span className="sub">
                  {contactHandle(c.contact)} · {t(`mode.${c.mode}` as MessageKey)}
                  {c.leadTemperature && (
                    <span className={`chip temp-${c.leadTemperature}`}>
                      {t(`temp.${c.leadTemperature}` as MessageKey)}
                    </span>
                  )}
                </span>
              </a>
            </li>
          ))}
        </ul>
        {list.data?.nextCursor && limit < 500 && (
          <button type="button" className="link load-more" onClick={() => setLimit((l) => Math.min(l + PAGE, 500))}>
            {t('common.loadMore')}
          </button>
        )}
      </section>
      {thread.data ? (
        <ThreadView workspace={workspace} thread={thread.data} onChanged={thread.reload} />
      ) : (
        <p className="muted pick">{openId && thread.error ? thread.error : t('inbox.pick')}</p>
      )}
    </div>
  );
}

function ThreadView({ workspace, thread, onChanged }: { workspace: Workspace; thread: Thread; onChanged(): void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const windowOpen = thread.lastInboundAt !== null && Date.now() - new Date(thread.lastInboundAt).getTime() < DAY_MS;
  const base = `/workspaces/${workspace.slug}/conversations/${thread.id}`;
  const act = (action: Promise<unknown>) =>
    action.then(
      () => {
        setError(null);
        onChanged();
      },
      (e: Error) => setError(e.message),
    );
  const send = (event: React.FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    void act(api.post(`${base}/messages`, { text }).then(() => setText('')));
  };
  return (
    <div className="thread-layout">
      <section className="thread card">
        <header className="thread-head">
          <a className="back link" href={`#/${workspace.slug}/inbox`}>
            ← {t('common.back')}
          </a>
          <div>
            <strong>{thread.contact.name ?? contactHandle(thread.contact)}</strong>
            <span className="muted"> {contactHandle(thread.contact)}</span>
            <p className="muted small">{thread.mode === 'human' ? t('inbox.humanMode') : t('inbox.aiMode')}</p>
          </div>
          {thread.mode === 'ai' ? (
            <button type="button" onClick={() => void act(api.put(`${base}/mode`, { mode: 'human' }))}>
              {t('inbox.takeOver')}
            </button>
          ) : (
            <button
              type="button"
              className="secondary"
              onClick={() => void act(api.put(`${base}/mode`, { mode: 'ai' }))}
            >
              {t('inbox.handBack')}
            </button>
          )}
        </header>
        <MessageList messages={thread.messages} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <form className="reply" onSubmit={send}>
          <textarea
            aria-label={t('inbox.reply')}
            placeholder={windowOpen ? t('inbox.reply') : t('inbox.windowClosed')}
            value={text}
            disabled={!windowOpen}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && !e.shiftKey && send(e)}
          />
          <button type="submit" disabled={!windowOpen || !text.trim()}>
            {t('common.send')}
          </button>
        </form>
        {!windowOpen && <p className="muted small">{t('inbox.windowClosed')}</p>}
      </section>
      <LeadPanel slug={workspace.slug} conversation={thread} />
    </div>
  );
}
