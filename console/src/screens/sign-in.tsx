import { useState } from 'react';
import { api, session } from '../api';
import { useI18n } from '../i18n';
import type { Me } from '../types';

export function SignInScreen({ onSignedIn }: { onSignedIn(me: Me): void }) {
  const { t, locale, setLocale } = useI18n();
  const [token, setToken] = useState('');
  const [failed, setFailed] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const me = await api.get<Me>('/me', token.trim());
      session.save(token.trim());
      onSignedIn(me);
    } catch {
      setFailed(true);
    }
  };
  return (
    <form className="sign-in card" onSubmit={submit}>
      <h1>{t('signIn.title')}</h1>
      <p className="muted">{t('signIn.hint')}</p>
      <label>
        {t('signIn.token')}
        <input
          name="token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          required
        />
      </label>
      {failed && (
        <p className="error" role="alert">
          {t('signIn.failed')}
        </p>
      )}
      <button type="submit">{t('signIn.submit')}</button>
      <button type="button" className="link" onClick={() => setLocale(locale === 'en' ? 'id' : 'en')}>
        {locale === 'en' ? 'Bahasa Indonesia' : 'English'}
      </button>
    </form>
  );
}
