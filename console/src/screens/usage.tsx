/** What the AI costs: per day (Mouth and Brain), by model, per conversation and per hot lead, and the budgets. */
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { localDate } from '../../../src/core/local-date';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { UsageReport, Workspace } from '../types';
import { useCoalesced, useData, useWorkspaceEvents } from '../use-data';
import { contactHandle } from '../contact-handle.js';

type Range = 'month' | '7' | '30';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

const usd = (value: string | number | null | undefined) =>
  value === null || value === undefined ? '–' : `$${Number(value).toFixed(Number(value) < 0.01 ? 6 : 4)}`;

export function UsageScreen({ workspace }: { workspace: Workspace }) {
  const { t } = useI18n();
  const [range, setRange] = useState<Range>('month');
  const dates =
    range === 'month'
      ? ''
      : `from=${localDate(workspace.timezone, daysAgo(Number(range) - 1))}&to=${localDate(workspace.timezone)}&`;
  const base = `/workspaces/${workspace.slug}/usage?${dates}`;
  const report = useData(
    () =>
      Promise.all([
        api.get<UsageReport>(`${base}groupBy=day`),
        api.get<UsageReport>(`${base}groupBy=model`),
        api.get<UsageReport>(`${base}groupBy=conversation&limit=10`),
      ]),
    [base],
  );
  const reloadSoon = useCoalesced(report.reload);
  useWorkspaceEvents(
    workspace.slug,
    (event) => (event.type === 'usage.changed' || event.type === 'settings.changed') && reloadSoon(),
  );
  if (report.error) return <p className="error">{report.error}</p>;
  if (!report.data) return <p className="loading">{t('common.loading')}</p>;
  const [byDay, byModel, byConversation] = report.data;
  const days = byDay.groups.map((g) => ({
    day: g.key.slice(5),
    [t('usage.mouth')]: Number(g.mouthCostUsd),
    [t('usage.brain')]: Number(g.brainCostUsd),
  }));
  const models = byModel.groups.map((g) => ({
    model: g.key.replace(/^[^/]+\//, ''),
    cost: Number(g.costUsd),
    calls: g.calls,
  }));
  const alerts = byDay.budgets.filter((b) => b.alerts.length > 0);
  return (
    <div className="usage">
      {alerts.map((b) => (
        <p key={b.period} className="banner" role="alert">
          {t('usage.alert', {
            period: t(b.period === 'month' ? 'usage.month' : 'usage.day'),
            percent: Math.max(...b.alerts),
          })}
        </p>
      ))}
      {byDay.unpricedModels.map((u) => (
        <p key={u.model} className="banner warn">
          {t('usage.unpriced', { model: `${u.provider}/${u.model}`, calls: u.calls })}
        </p>
      ))}
      <div className="toolbar">
        <label>
          {t('usage.range')}{' '}
          <select value={range} onChange={(e) => setRange(e.target.value as Range)}>
            <option value="month">{t('usage.thisMonth')}</option>
            <option value="7">{t('usage.last7')}</option>
            <option value="30">{t('usage.last30')}</option>
          </select>
        </label>
        <span className="muted">
          {byDay.from} – {byDay.to} ({workspace.timezone})
        </span>
      </div>
      <div className="stats">
        <div className="stat card">
          <span>{t('usage.total')}</span>
          <strong data-testid="usage-total">{usd(byDay.totals.costUsd)}</strong>
        </div>
        <div className="stat card">
          <span>{t('usage.calls')}</span>
          <strong data-testid="usage-calls">{byDay.totals.calls}</strong>
        </div>
        <div className="stat card">
          <span>{t('usage.perConversationCost')}</span>
          <strong>{usd(byDay.costPerConversationUsd)}</strong>
        </div>
        <div className="stat card">
          <span>{t('usage.perHotLead')}</span>
          <strong>{usd(byDay.costPerHotLeadUsd)}</strong>
        </div>
        <div className="stat card">
          <span>{t('usage.perBooking')}</span>
          <strong data-testid="usage-per-booking">{usd(byDay.costPerBookingUsd)}</strong>
        </div>
      </div>
      <section className="card chart" data-testid="cost-per-day">
        <h2>{t('usage.costOverTime')}</h2>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={days}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" />
            <YAxis tickFormatter={(v: number) => `$${v}`} width={80} />
            <Tooltip formatter={(v) => usd(v as number)} />
            <Legend />
            <Bar dataKey={t('usage.mouth')} stackId="cost" fill="#2f7d6d" isAnimationActive={false} />
            <Bar dataKey={t('usage.brain')} stackId="cost" fill="#d08c2e" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </section>
      <div className="two-columns">
        <section className="card chart" data-testid="cost-by-model">
          <h2>{t('usage.byModel')}</h2>
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={models} layout="vertical" margin={{ left: 20 }}>
              <XAxis type="number" tickFormatter={(v: number) => `$${v}`} />
              <YAxis type="category" dataKey="model" width={210} />
              <Tooltip formatter={(v) => usd(v as number)} />
              <Bar dataKey="cost" fill="#3b6fb6" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </section>
        <section className="card">
          <h2>{t('usage.budgets')}</h2>
          {byDay.budgets.length === 0 && <p className="muted">{t('usage.noBudget')}</p>}
          {byDay.budgets.map((b) => (
            <div key={b.period} className="budget">
              <span>
                {t(b.period === 'month' ? 'usage.month' : 'usage.day')}: {usd(b.spentUsd)} / {usd(b.limitUsd)} (
                {b.percent}%)
              </span>
              <div className="bar">
                <div
                  className={b.percent >= 100 ? 'over' : b.percent >= 80 ? 'high' : ''}
                  style={{ width: `${Math.min(100, b.percent)}%` }}
                />
              </div>
            </div>
          ))}
          <h2>{t('usage.perConversation')}</h2>
          <table>
            <tbody>
              {byConversation.groups.map((g) => (
                <tr key={g.key}>
                  <td>
                    <a href={`#/${workspace.slug}/inbox/${g.key}`}>{g.contact?.name ?? contactHandle(g.contact)}</a>
                  </td>
                  <td className="num">{g.calls}</td>
                  <td className="num">{usd(g.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
