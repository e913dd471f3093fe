/**
 * The assistant's settings (voice, knowledge, model chains, budgets); saving shapes
 * the next reply. The stages, rubric and thresholds belong to the playbook (its own screen).
 */
import { useEffect, useState } from 'react';
import { renderGreeting } from '../../../src/assistant/rules/render-greeting';
import { timeOfDay } from '../../../src/assistant/rules/time-of-day';
import { api } from '../api';
import { ChainEditor } from '../components/chain-editor';
import { useI18n } from '../i18n';
import type { AssistantSettings, Workspace } from '../types';
import { useData } from '../use-data';
import { useWorkspacePlaybook } from '../use-workspace-playbook';

type Config = AssistantSettings['config'];

/** `canSpend`: an owner (or the admin) — model chains and budgets are shown and saved; a manager's are left alone. */
export function SettingsScreen({ workspace, canSpend }: { workspace: Workspace; canSpend: boolean }) {
  const { t } = useI18n();
  const loaded = useData(() => api.get<AssistantSettings>(`/workspaces/${workspace.slug}/assistant`), [workspace.slug]);
  const playbook = useWorkspacePlaybook(workspace.slug);
  const [draft, setDraft] = useState<Config | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    setDraft(loaded.data?.config ?? null);
  }, [loaded.data]);
  if (loaded.error) return <p className="error">{loaded.error}</p>;
  if (!draft || !loaded.data) return <p className="loading">{t('common.loading')}</p>;

  const set = (patch: Partial<Config>) => setDraft({ ...draft, ...patch });
  // An empty template means the playbook's greeting (the same rule the assistant follows).
  const template = draft.greetingTemplate || playbook?.playbook.lines.greeting[draft.language] || '';
  const preview = renderGreeting(template, {
    waktu: timeOfDay(workspace.timezone, new Date(), draft.language),
    nama: 'Budi',
    workspace: workspace.name,
  });

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await api.put(`/workspaces/${workspace.slug}/assistant`, {
        enabled: draft.enabled,
        botName: draft.botName,
        language: draft.language,
        persona: draft.persona,
        tone: draft.tone,
        greetingTemplate: draft.greetingTemplate,
        communityLink: draft.communityLink || null,
        consultationOffer: draft.consultationOffer || null,
        knowledgeEntries: draft.knowledgeEntries,
        ...(canSpend ? { mouthChain: draft.mouthChain, brainChain: draft.brainChain } : {}),
      });
      if (canSpend) {
        await api.put(`/workspaces/${workspace.slug}/budget`, {
          monthlyUsd: draft.budgetMonthlyUsd === '' || draft.budgetMonthlyUsd === null ? null : draft.budgetMonthlyUsd,
          dailyUsd: draft.budgetDailyUsd === '' || draft.budgetDailyUsd === null ? null : draft.budgetDailyUsd,
          whenExhausted: draft.budgetExhaustedAction,
        });
      }
      setStatus({ ok: true, text: t('common.saved') });
      loaded.reload();
    } catch (error) {
      setStatus({ ok: false, text: (error as Error).message });
    }
  };

  const text = (
    key: 'botName' | 'persona' | 'tone' | 'greetingTemplate' | 'communityLink' | 'consultationOffer',
    label: string,
    long = false,
  ) => (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is one of the two elements below
    <label>
      {label}
      {long ? (
        <textarea name={key} value={draft[key] ?? ''} onChange={(e) => set({ [key]: e.target.value })} rows={3} />
      ) : (
        <input name={key} value={draft[key] ?? ''} onChange={(e) => set({ [key]: e.target.value })} />
      )}
    </label>
  );
  return (
    <form className="settings" onSubmit={save}>
      <section className="card">
        <h2>{t('settings.general')}</h2>
        <label className="check">
          <input
            type="checkbox"
            name="enabled"
            checked={draft.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
          />
          {t('settings.enabled')}
        </label>
        {text('botName', t('settings.botName'))}
        <label>
          {t('settings.language')}
          <select value={draft.language} onChange={(e) => set({ language: e.target.value as 'id' | 'en' })}>
            <option value="id">Bahasa Indonesia</option>
            <option value="en">English</option>
          </select>
        </label>
        {text('persona', t('settings.persona'), true)}
        {text('tone', t('settings.tone'))}
        {text('greetingTemplate', t('settings.greeting'), true)}
        <p className="muted small">{t('settings.greetingHint')}</p>
        <p className="preview" data-testid="greeting-preview">
          <span className="muted">{t('settings.preview')}: </span>
          {preview}
        </p>
        {text('communityLink', t('settings.community'))}
        {text('consultationOffer', t('settings.consultation'), true)}
        <p className="muted small">
          {t('settings.playbookHint')} <a href={`#/${workspace.slug}/playbook`}>{t('nav.playbook')}</a>
        </p>
      </section>

      <section className="card">
        <h2>{t('settings.knowledge')}</h2>
        {draft.knowledgeEntries.map((entry, i) => {
          const patch = (p: Partial<typeof entry>) =>
            set({ knowledgeEntries: draft.knowledgeEntries.map((e, k) => (k === i ? { ...e, ...p } : e)) });
          return (
            <div key={i} className="knowledge-entry">
              <div className="row">
                <input
                  aria-label={t('settings.category')}
                  placeholder={t('settings.category')}
                  value={entry.category}
                  onChange={(e) => patch({ category: e.target.value })}
                />
                <input
                  aria-label={t('settings.entryTitle')}
                  placeholder={t('settings.entryTitle')}
                  className="grow"
                  value={entry.title}
                  onChange={(e) => patch({ title: e.target.value })}
                />
                <button
                  type="button"
                  className="link"
                  onClick={() => set({ knowledgeEntries: draft.knowledgeEntries.filter((_, k) => k !== i) })}
                >
                  {t('settings.remove')}
                </button>
              </div>
              <textarea
                aria-label={t('settings.content')}
                placeholder={t('settings.content')}
                rows={2}
                value={entry.content}
                onChange={(e) => patch({ content: e.target.value })}
              />
              <input
                aria-label={t('settings.keywords')}
                placeholder={t('settings.keywords')}
                value={entry.keywords.join(', ')}
                onChange={(e) =>
                  patch({
                    keywords: e.target.value
                      .split(',')
                      .map((k) => k.trim())
                      .filter(Boolean),
                  })
                }
              />
            </div>
          );
        })}
        <button
          type="button"
          className="link"
          onClick={() =>
            set({
              knowledgeEntries: [
                ...draft.knowledgeEntries,
                { category: 'general', title: '', content: '', keywords: [] },
              ],
            })
          }
        >
          + {t('settings.addEntry')}
        </button>
      </section>

      {canSpend && (
        <section className="card">
          <h2>{t('settings.chains')}</h2>
          <ChainEditor
            label={t('settings.mouthChain')}
            chain={draft.mouthChain}
            effective={loaded.data.effectiveMouthChain}
            providers={loaded.data.providers}
            onChange={(mouthChain) => set({ mouthChain })}
          />
          <ChainEditor
            label={t('settings.brainChain')}
            chain={draft.brainChain}
            effective={loaded.data.effectiveBrainChain}
            providers={loaded.data.providers}
            onChange={(brainChain) => set({ brainChain })}
          />
        </section>
      )}

      {canSpend && (
        <section className="card">
          <h2>{t('settings.budgets')}</h2>
          <div className="row wrap">
            <label>
              {t('settings.monthly')}
              <input
                type="number"
                min={0}
                step="0.01"
                value={draft.budgetMonthlyUsd ?? ''}
                onChange={(e) => set({ budgetMonthlyUsd: e.target.value })}
              />
            </label>
            <label>
              {t('settings.daily')}
              <input
                type="number"
                min={0}
                step="0.01"
                value={draft.budgetDailyUsd ?? ''}
                onChange={(e) => set({ budgetDailyUsd: e.target.value })}
              />
            </label>
            <label>
              {t('settings.whenExhausted')}
              <select
                value={draft.budgetExhaustedAction}
                onChange={(e) => set({ budgetExhaustedAction: e.target.value as 'rules' | 'handoff' })}
              >
                <option value="rules">{t('settings.exhaustedRules')}</option>
                <option value="handoff">{t('settings.exhaustedHandoff')}</option>
              </select>
            </label>
          </div>
        </section>
      )}

      <div className="save-bar">
        {status && (
          <span className={status.ok ? 'ok' : 'error'} role="status">
            {status.text}
          </span>
        )}
        <button type="submit">{t('common.save')}</button>
      </div>
    </form>
  );
}
