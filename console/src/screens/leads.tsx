/** Contacts by lead score, with filters, a detail view and a CSV export. */
import { useState } from 'react';
import { api } from '../api';
import { FactList } from '../components/fact-list';
import { useI18n, type MessageKey } from '../i18n';
import type { Lead, Workspace } from '../types';
import { useCoalesced, useData, useWorkspaceEvents } from '../use-data';
import { useWorkspacePlaybook } from '../use-workspace-playbook';
import { contactHandle } from '../contact-handle.js';

/** Leads per page; "Load more" shows one page more. */
const PAGE = 100;

export function LeadsScreen({
  workspace,
  openConversation,
}: {
  workspace: Workspace;
  openConversation(id: string): void;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState('');
  const [state, setState] = useState('');
  const [mode, setMode] = useState('');
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<Lead | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const playbook = useWorkspacePlaybook(workspace.slug)?.playbook ?? null;
  const query = new URLSearchParams({
    limit: String(limit),
    ...(status && { status }),
    ...(state && { state }),
    ...(mode && { mode }),
    ...(q.trim() && { q: q.trim() }),
  }).toString();
  const leads = useData(
    () => api.get<{ contacts: Lead[]; nextCursor: string | null }>(`/workspaces/${workspace.slug}/contacts?${query}`),
    [workspace.slug, query],
  );
  const reloadSoon = useCoalesced(leads.reload);
  useWorkspaceEvents(workspace.slug, (event) => event.type === 'conversation.changed' && reloadSoon());
  return (
    <div className="leads">
      <section className="card">
        <div className="filters">
          <input
            type="search"
            placeholder={t('common.search')}
            aria-label={t('common.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <select aria-label={t('filter.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{`${t('filter.status')}: ${t('common.all')}`}</option>
            {(['hot', 'warm', 'cold', 'new'] as const).map((v) => (
              <option key={v} value={v}>
                {t(`temp.${v}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('filter.state')} value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">{`${t('filter.state')}: ${t('common.all')}`}</option>
            {(['greeting', 'qualifying', 'scheduling', 'booked', 'handoff'] as const).map((v) => (
              <option key={v} value={v}>
                {t(`state.${v}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('filter.mode')} value={mode} onChange={(e) => setMode(e.target.value)}>
            <option value="">{`${t('filter.mode')}: ${t('common.all')}`}</option>
            <option value="ai">{t('mode.ai')}</option>
            <option value="human">{t('mode.human')}</option>
          </select>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void api.download(`/workspaces/${workspace.slug}/contacts.csv?${query}`, `${workspace.slug}-leads.csv`)
            }
          >
            {t('common.export')}
          </button>
        </div>
        {leads.error && <p className="error">{leads.error}</p>}
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('leads.name')}</th>
                <th>{t('leads.phone')}</th>
                <th>{t('leads.score')}</th>
                <th>{t('leads.status')}</th>
                <th>{t('leads.state')}</th>
                <th>{t('leads.lastMessage')}</th>
              </tr>
            </thead>
            <tbody>
              {leads.data?.contacts.map((lead) => (
                <tr
                  key={lead.id}
                  onClick={() => setSelected(lead)}
                  className={selected?.id === lead.id ? 'selected' : ''}
                >
                  <td>{lead.name ?? '–'}</td>
                  <td>{contactHandle(lead)}</td>
                  <td className="num">{lead.leadScore ?? '–'}</td>
                  <td>
                    {lead.leadStatus && (
                      <span className={`chip temp-${lead.leadStatus}`}>
                        {t(`temp.${lead.leadStatus}` as MessageKey)}
                      </span>
                    )}
                  </td>
                  <td>{lead.state ? t(`state.${lead.state}` as MessageKey) : '–'}</td>
                  <td>{lead.lastMessageAt ? new Date(lead.lastMessageAt).toLocaleString() : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {leads.data?.nextCursor && (
          <button type="button" className="link load-more" onClick={() => setLimit((l) => l + PAGE)}>
            {t('common.loadMore')}
          </button>
        )}
      </section>
      {selected && (
        <aside className="card lead-detail">
          <h2>{selected.name ?? contactHandle(selected)}</h2>
          <p className="muted">
            {contactHandle(selected)} · {t('leads.score')} {selected.leadScore ?? '–'}
          </p>
          <FactList facts={selected.metadata.facts} playbook={playbook} />
          {selected.metadata.lead?.reasoning && <p className="reasoning">{selected.metadata.lead.reasoning}</p>}
          {selected.conversationId && (
            <button type="button" onClick={() => openConversation(selected.conversationId!)}>
              {t('leads.openConversation')}
            </button>
          )}
        </aside>
      )}
    </div>
  );
}
