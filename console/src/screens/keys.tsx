/** A workspace's API keys, for its owners: who has one, when it was last used; create (shown once) and revoke. */
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { ApiKeySummary, Workspace } from '../types';
import { useData } from '../use-data';

const ROLES = ['agent', 'manager', 'owner'] as const;

export function KeysScreen({ workspace }: { workspace: Workspace }) {
  const { t } = useI18n();
  const base = `/workspaces/${workspace.slug}/keys`;
  const keys = useData(() => api.get<{ keys: ApiKeySummary[] }>(base), [base]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('agent');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (work: Promise<unknown>) => {
    try {
      await work;
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
    keys.reload();
  };
  const create = (event: React.FormEvent) => {
    event.preventDefault();
    void act(
      api
        .post<{ key: { key: string } }>(base, { name: name.trim() || 'default', role })
        .then((r) => setCreated(r.key.key)),
    );
  };
  const when = (value: string | null) => (value ? new Date(value).toLocaleString() : '–');
  if (keys.error) return <p className="error">{keys.error}</p>;
  return (
    <section className="card keys">
      <h1>{t('keys.title')}</h1>
      <p className="muted">{t('keys.hint')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <p className="ok" data-created-key>
          {t('keys.createdOnce')} <code>{created}</code>
        </p>
      )}
      <form className="filters" onSubmit={create}>
        <input
          aria-label={t('keys.name')}
          placeholder={t('keys.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <select aria-label={t('keys.role')} value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit">{t('keys.create')}</button>
      </form>
      <table>
        <thead>
          <tr>
            <th>{t('keys.name')}</th>
            <th>{t('keys.role')}</th>
            <th>{t('keys.prefix')}</th>
            <th>{t('keys.created')}</th>
            <th>{t('keys.lastUsed')}</th>
            <th>{t('keys.revoked')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.data?.keys.map((key) => (
            <tr key={key.id} data-key={key.id} className={key.revokedAt ? 'muted' : ''}>
              <td>{key.name}</td>
              <td>{key.role}</td>
              <td>
                <code>{key.prefix}…</code>
              </td>
              <td>{when(key.createdAt)}</td>
              <td>{key.lastUsedAt ? when(key.lastUsedAt) : t('keys.never')}</td>
              <td>{when(key.revokedAt)}</td>
              <td>
                {!key.revokedAt && (
                  <button type="button" className="link" onClick={() => void act(api.delete(`${base}/${key.id}`))}>
                    {t('keys.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
