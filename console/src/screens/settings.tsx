/**
 * The assistant's settings, validated as the server validates them (weights sum
 * to 100, hot above warm) before saving; saving shapes the next reply.
 */
import { useEffect, useState } from 'react';
import { renderGreeting } from '../../../src/assistant/rules/render-greeting';
import { timeOfDay } from '../../../src/assistant/rules/time-of-day';
import { api } from '../api';
import { ChainEditor } from '../components/chain-editor';
import { useI18n } from '../i18n';
import type { AssistantSettings, Workspace } from '../types';
import { useData } from '../use-data';

type Config = AssistantSettings['config'];
type Weights = Config['scoringWeights'];

/** `canSpend`: an owner (or the admin) — model chains and budgets are shown and saved; a manager's are left alone. */
export function SettingsScreen({ workspace, canSpend }: { workspace: Workspace; canSpend: boolean }) {
  const { t } = useI18n();
  const loaded = useData(() => api.get<AssistantSettings>(`/workspaces/${workspace.slug}/assistant`), [workspace.slug]);
  const [draft, setDraft] = useState<Config | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    setDraft(loaded.data?.config ?? null);
  }, [loaded.data]);
  if (loaded.error) return <p className="error">{loaded.error}</p>;
  if (!draft || !loaded.data) return <p className="loading">{t('common.loading')}</p>;

  const set = (patch: Partial<Config>) => setDraft({ ...draft, ...patch });
  const weights = draft.scoringWeights;
  const weightSum = weights.basicInfo + weights.qualification + weights.documents + weights.engagement;
  const invalid =
    weightSum !== 100
      ? t('settings.weightsSum', { sum: weightSum })
      : draft.hotThreshold <= draft.warmThreshold
        ? t('settings.hotAboveWarm')
        : null;
  const preview = renderGreeting(draft.greetingTemplate, {
    waktu: timeOfDay(workspace.timezone, new Date(), draft.language),
    nama: 'Budi',
    workspace: workspace.name,
  });

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (invalid) return setStatus({ ok: false, text: invalid });
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
        flowStages: draft.flowStages.map((stage, order) => ({ ...stage, order })),
        knowledgeEntries: draft.knowledgeEntries,
        scoringWeights: draft.scoringWeights,
        thresholds: { hot: draft.hotThreshold, warm: draft.warmThreshold },
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
  const weight = (key: keyof Weights) => (
    <label key={key}>
      {t(`weight.${key}`)}
      <input
        type="number"
        min={0}
        max={100}
        value={weights[key]}
        onChange={(e) => set({ scoringWeights: { ...weights, [key]: Number(e.target.value) } })}
      />
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
      </section>

      <section className="card">
        <h2>{t('settings.stages')}</h2>
        {draft.flowStages.map((stage, i) => (
          <div key={i} className="row">
            <input
              aria-label={t('settings.stageName')}
              value={stage.name}
              onChange={(e) =>
                set({ flowStages: draft.flowStages.map((s, k) => (k === i ? { ...s, name: e.target.value } : s)) })
              }
            />
            <input
              aria-label={t('settings.stageGoal')}
              className="grow"
              value={stage.goal}
              onChange={(e) =>
                set({ flowStages: draft.flowStages.map((s, k) => (k === i ? { ...s, goal: e.target.value } : s)) })
              }
            />
            <label className="check">
              <input
                type="checkbox"
                checked={stage.active}
                onChange={(e) =>
                  set({
                    flowStages: draft.flowStages.map((s, k) => (k === i ? { ...s, active: e.target.checked } : s)),
                  })
                }
              />
              {t('settings.stageActive')}
            </label>
            <button
              type="button"
              className="link"
              onClick={() => set({ flowStages: draft.flowStages.filter((_, k) => k !== i) })}
            >
              {t('settings.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="link"
          onClick={() =>
            set({
              flowStages: [
                ...draft.flowStages,
                {
                  name: '',
                  goal: '',
                  sampleScript: '',
                  exitCriteria: '',
                  order: draft.flowStages.length,
                  active: true,
                },
              ],
            })
          }
        >
          + {t('settings.addStage')}
        </button>
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

      <section className="card">
        <h2>{t('settings.scoring')}</h2>
        <div className="row wrap">
          {(['basicInfo', 'qualification', 'documents', 'engagement'] as const).map(weight)}
        </div>
        <p className={weightSum === 100 ? 'muted small' : 'error small'}>
          {t('settings.weightsSum', { sum: weightSum })}
        </p>
        <div className="row wrap">
          <label>
            {t('settings.hot')}
            <input
              type="number"
              min={1}
              max={100}
              value={draft.hotThreshold}
              onChange={(e) => set({ hotThreshold: Number(e.target.value) })}
            />
          </label>
          <label>
            {t('settings.warm')}
            <input
              type="number"
              min={0}
              max={99}
              value={draft.warmThreshold}
              onChange={(e) => set({ warmThreshold: Number(e.target.value) })}
            />
          </label>
        </div>
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
