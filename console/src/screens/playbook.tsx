/**
 * The workspace's playbook: pick a built-in, or edit its own (slots, stages,
 * rubric with a live weight sum, routing, signal words, lines, quiet hours, AI
 * turn cap) with the Try-it chat beside it. Saving PUTs the whole document; the
 * server validates it, and a refusal's problems are shown at their paths (listed
 * above the editor, on the tab that holds them, and beside the field).
 */
import { type ChangeEvent, useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { BuiltInList } from '../components/playbook/built-in-list';
import { IssuesContext } from '../components/playbook/fields';
import { GeneralEditor } from '../components/playbook/general-editor';
import { LimitsEditor } from '../components/playbook/limits-editor';
import { LinesEditor } from '../components/playbook/lines-editor';
import { downloadPlaybook, readPlaybookFile } from '../components/playbook/playbook-file';
import { RoutingEditor } from '../components/playbook/routing-editor';
import { RubricEditor } from '../components/playbook/rubric-editor';
import { SignalsEditor } from '../components/playbook/signals-editor';
import { SlotsEditor } from '../components/playbook/slots-editor';
import { StagesEditor } from '../components/playbook/stages-editor';
import { TryItChat } from '../components/try-it-chat';
import { useI18n, type MessageKey } from '../i18n';
import type { Issue, Playbook, PlaybookSummary, Workspace, WorkspacePlaybook } from '../types';
import { useData } from '../use-data';

/** Each tab and the top-level paths of the document it edits. */
const TABS = {
  slots: ['slots'],
  stages: ['stages'],
  rubric: ['rubric'],
  routing: ['routing'],
  signals: ['signals'],
  lines: ['lines'],
  limits: ['quietHours', 'maxAiTurns'],
  general: ['id', 'name', 'description', 'version'],
} as const satisfies Record<string, readonly (keyof Playbook)[]>;
type Tab = keyof typeof TABS;

const tabOf = (path: string): Tab | undefined =>
  (Object.keys(TABS) as Tab[]).find((tab) => (TABS[tab] as readonly string[]).includes(path.split('.')[0]!));

export function PlaybookScreen({ workspace }: { workspace: Workspace }) {
  const { t, locale } = useI18n();
  const builtIns = useData(() => api.get<{ playbooks: PlaybookSummary[] }>('/playbooks'), []);
  const current = useData(() => api.get<WorkspacePlaybook>(`/workspaces/${workspace.slug}/playbook`), [workspace.slug]);
  const [draft, setDraft] = useState<Playbook | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [tab, setTab] = useState<Tab>('slots');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setDraft(current.data?.playbook ?? null);
  }, [current.data]);

  if (current.error) return <p className="error">{current.error}</p>;
  if (!draft || !current.data) return <p className="loading">{t('common.loading')}</p>;
  const loaded = current.data;
  const dirty = JSON.stringify(draft) !== JSON.stringify(loaded.playbook);
  const edit = (patch: Partial<Playbook>) => setDraft({ ...draft, ...patch });

  const refused = (error: unknown) => {
    const found = error instanceof ApiError ? error.issues : [];
    setIssues(found);
    // The problems are listed above the editor; the status line only says so.
    setStatus({ ok: false, text: found.length > 0 ? t('playbook.notSaved') : (error as Error).message });
    const first = found.map((issue) => tabOf(issue.path)).find(Boolean);
    if (first) setTab(first);
  };
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.put<WorkspacePlaybook>(`/workspaces/${workspace.slug}/playbook`, { playbook: draft });
      setIssues([]);
      setStatus({ ok: true, text: t('common.saved') });
      current.reload();
    } catch (error) {
      refused(error);
    } finally {
      setBusy(false);
    }
  };
  const use = async (id: string) => {
    setBusy(true);
    try {
      await api.put<WorkspacePlaybook>(`/workspaces/${workspace.slug}/playbook`, { use: id });
      setIssues([]);
      setStatus({ ok: true, text: t('playbook.nowUsing', { id }) });
      current.reload();
    } catch (error) {
      refused(error);
    } finally {
      setBusy(false);
    }
  };
  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const read = readPlaybookFile(await file.text());
    if ('error' in read) return setStatus({ ok: false, text: t('playbook.importFailed', { error: read.error }) });
    setDraft(read.playbook);
    setIssues([]);
    setStatus({ ok: true, text: t('playbook.imported') });
  };
  const countFor = (name: Tab) => issues.filter((issue) => tabOf(issue.path) === name).length;

  return (
    <div className="playbook-layout">
      <div className="playbook-main">
        {builtIns.error && <p className="error">{builtIns.error}</p>}
        {builtIns.data && (
          <BuiltInList
            playbooks={builtIns.data.playbooks}
            inUse={loaded.playbookId}
            custom={loaded.custom}
            onUse={(id) => void use(id)}
          />
        )}
        <form className="card playbook-editor" onSubmit={save}>
          <header className="editor-head">
            <h1>
              {t('playbook.title')}: {draft.name[locale]}
            </h1>
            <span className="chip" data-testid="playbook-source">
              {loaded.custom ? t('playbook.custom') : t('playbook.builtIn', { id: loaded.playbookId ?? '' })}
            </span>
          </header>
          <p className="muted small">{t('playbook.hint')}</p>
          {issues.length > 0 && (
            <div className="issues" role="alert" data-testid="playbook-issues">
              <strong>{t('playbook.refused', { count: issues.length })}</strong>
              <ul>
                {issues.map((issue, i) => (
                  <li key={i}>
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        const target = tabOf(issue.path);
                        if (target) setTab(target);
                      }}
                    >
                      <code>{issue.path || '—'}</code>
                    </button>{' '}
                    {issue.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="tabs" role="tablist">
            {(Object.keys(TABS) as Tab[]).map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={tab === name}
                data-tab={name}
                className={tab === name ? 'tab active' : 'tab'}
                onClick={() => setTab(name)}
              >
                {t(`playbook.tab.${name}` as MessageKey)}
                {countFor(name) > 0 && <span className="issue-count">{countFor(name)}</span>}
              </button>
            ))}
          </div>
          <IssuesContext.Provider value={issues}>
            <div role="tabpanel" className="tab-panel">
              {tab === 'slots' && <SlotsEditor slots={draft.slots} onChange={(slots) => edit({ slots })} />}
              {tab === 'stages' && <StagesEditor playbook={draft} onChange={(stages) => edit({ stages })} />}
              {tab === 'rubric' && <RubricEditor rubric={draft.rubric} onChange={(rubric) => edit({ rubric })} />}
              {tab === 'routing' && <RoutingEditor playbook={draft} onChange={(routing) => edit({ routing })} />}
              {tab === 'signals' && <SignalsEditor signals={draft.signals} onChange={(signals) => edit({ signals })} />}
              {tab === 'lines' && <LinesEditor lines={draft.lines} onChange={(lines) => edit({ lines })} />}
              {tab === 'limits' && <LimitsEditor playbook={draft} onChange={edit} />}
              {tab === 'general' && <GeneralEditor playbook={draft} onChange={edit} />}
            </div>
          </IssuesContext.Provider>
          <div className="save-bar">
            {status && (
              <span className={status.ok ? 'ok' : 'error'} role="status">
                {status.text}
              </span>
            )}
            {dirty && <span className="muted small">{t('playbook.unsaved')}</span>}
            <button type="button" className="secondary" onClick={() => downloadPlaybook(draft, `${draft.id}.json`)}>
              {t('playbook.export')}
            </button>
            <label className="button secondary">
              {t('playbook.import')}
              <input type="file" accept=".json,application/json" hidden onChange={(e) => void importFile(e)} />
            </label>
            <button
              type="button"
              className="secondary"
              disabled={!dirty}
              onClick={() => {
                setDraft(loaded.playbook);
                setIssues([]);
                setStatus(null);
              }}
            >
              {t('playbook.revert')}
            </button>
            <button type="submit" disabled={busy}>
              {t('common.save')}
            </button>
          </div>
        </form>
      </div>
      <aside className="playbook-try">
        <TryItChat workspace={workspace} title={t('playbook.tryTitle')} />
      </aside>
    </div>
  );
}
