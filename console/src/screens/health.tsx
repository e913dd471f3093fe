/** The `ari doctor` checks for this workspace, each failing one with a hint. */
import { api } from '../api';
import { useI18n } from '../i18n';
import type { DeadLetterList, DoctorReport, Workspace } from '../types';
import { useData } from '../use-data';

const MARK = { pass: '✓', warn: '!', fail: '✗' } as const;

export function HealthScreen({ workspace }: { workspace: Workspace }) {
  const { t } = useI18n();
  const report = useData(() => api.get<DoctorReport>(`/workspaces/${workspace.slug}/doctor`), [workspace.slug]);
  const dead = useData(() => api.get<DeadLetterList>(`/workspaces/${workspace.slug}/dead-letters`), [workspace.slug]);
  if (report.error) return <p className="error">{report.error}</p>;
  if (!report.data) return <p className="loading">{t('common.loading')}</p>;
  return (
    <section className="card health">
      <h1>{t('health.title')}</h1>
      <p className={report.data.ok ? 'ok' : 'error'}>
        {report.data.ok ? t('health.allPassed') : t('health.someFailed')}
      </p>
      <ul className="checks">
        {report.data.checks.map((check, i) => (
          <li
            key={`${check.name}-${i}`}
            className={`check-${check.status}`}
            data-check={check.name}
            data-status={check.status}
          >
            <span className="mark">{MARK[check.status]}</span>
            <div>
              <strong>{check.name}</strong> <span>{check.detail}</span>
              {check.hint && check.status !== 'pass' && (
                <p className="hint">
                  {t('health.hint')}: {check.hint}
                </p>
              )}
            </div>
          </li>
        ))}
      </ul>
      {dead.data && (
        <div className="dead-letters" data-dead-letters={dead.data.pending}>
          <h2>{t('health.deadLetters')}</h2>
          <p>
            {dead.data.pending} {t('health.deadLettersPending')} · {dead.data.total} {t('health.deadLettersTotal')}
          </p>
          {dead.data.deadLetters.length > 0 && (
            <ul className="checks">
              {dead.data.deadLetters.map((d) => (
                <li key={d.id} className={d.replayedAt ? 'check-pass' : 'check-warn'}>
                  <span className="mark">{d.replayedAt ? MARK.pass : MARK.warn}</span>
                  <div>
                    <strong>{d.reason}</strong> <span>{d.detail}</span>
                    <p className="hint">
                      {new Date(d.createdAt).toLocaleString()} · {d.channel} · <code>ari deadletter replay {d.id}</code>
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
