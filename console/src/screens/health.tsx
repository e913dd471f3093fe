/** The `ari doctor` checks for this workspace, each failing one with a hint. */
import { api } from '../api';
import { useI18n } from '../i18n';
import type { DoctorReport, Workspace } from '../types';
import { useData } from '../use-data';

const MARK = { pass: '✓', warn: '!', fail: '✗' } as const;

export function HealthScreen({ workspace }: { workspace: Workspace }) {
  const { t } = useI18n();
  const report = useData(() => api.get<DoctorReport>(`/workspaces/${workspace.slug}/doctor`), [workspace.slug]);
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
    </section>
  );
}
