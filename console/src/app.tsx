/** Sign-in, the workspace switcher, navigation and the language switch around the screens. */
import { useEffect, useState } from 'react';
import { api, session } from './api';
import { useI18n, type MessageKey } from './i18n';
import { RANK, RoleContext } from './role-context';
import { BookingsScreen } from './screens/bookings';
import { HealthScreen } from './screens/health';
import { InboxScreen } from './screens/inbox';
import { KeysScreen } from './screens/keys';
import { LeadsScreen } from './screens/leads';
import { PlaybookScreen } from './screens/playbook';
import { SettingsScreen } from './screens/settings';
import { SignInScreen } from './screens/sign-in';
import { TryItScreen } from './screens/try-it';
import { UsageScreen } from './screens/usage';
import type { Me, Role, Workspace } from './types';
import { SCREENS, useRoute, type Screen } from './use-route';

const NAV: Record<Screen, MessageKey> = {
  inbox: 'nav.inbox',
  leads: 'nav.leads',
  bookings: 'nav.bookings',
  usage: 'nav.usage',
  settings: 'nav.settings',
  playbook: 'nav.playbook',
  try: 'nav.try',
  health: 'nav.health',
  keys: 'nav.keys',
};

/** The least role that sees each screen, as the API's route roles allow (src/http/route-roles.ts). */
const SCREEN_ROLE: Record<Screen, Role> = {
  inbox: 'agent',
  leads: 'agent',
  bookings: 'agent',
  usage: 'manager',
  settings: 'manager',
  playbook: 'manager',
  try: 'manager',
  health: 'manager',
  keys: 'owner',
};
const canSee = (me: Me, screen: Screen) => RANK[me.role] >= RANK[SCREEN_ROLE[screen]];

export function App() {
  const { t, locale, setLocale } = useI18n();
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(Boolean(session.token()));
  const [route, go] = useRoute();

  useEffect(() => {
    if (!session.token()) return;
    api
      .get<Me>('/me')
      .then(setMe, () => session.clear())
      .finally(() => setChecking(false));
  }, []);

  if (checking) return <p className="loading">{t('common.loading')}</p>;
  if (!me) return <SignInScreen onSignedIn={(signedIn) => setMe(signedIn)} />;

  const workspace: Workspace | undefined = route.slug
    ? me.workspaces.find((w) => w.slug === route.slug)
    : me.workspaces[0];
  if (!route.slug && workspace) go({ slug: workspace.slug, screen: 'inbox', id: null });

  const signOut = () => {
    session.clear();
    setMe(null);
    location.hash = '';
  };

  return (
    <RoleContext.Provider value={me.role}>
      <div className="app">
        <header className="topbar">
          <strong className="brand">ARI</strong>
          {me.kind === 'admin' ? (
            <select
              aria-label={t('nav.workspace')}
              value={workspace?.slug ?? ''}
              onChange={(e) => go({ slug: e.target.value, screen: route.screen, id: null })}
            >
              {me.workspaces.map((w) => (
                <option key={w.slug} value={w.slug}>
                  {w.name}
                </option>
              ))}
            </select>
          ) : (
            <span className="workspace-name">{workspace?.name ?? me.workspaces[0]?.name}</span>
          )}
          <nav>
            {SCREENS.filter((screen) => canSee(me, screen)).map((screen) => (
              <a
                key={screen}
                href={`#/${workspace?.slug ?? route.slug ?? ''}/${screen}`}
                className={route.screen === screen ? 'active' : ''}
                data-screen={screen}
              >
                {t(NAV[screen])}
              </a>
            ))}
          </nav>
          <span className="spacer" />
          <button
            type="button"
            className="link"
            onClick={() => setLocale(locale === 'en' ? 'id' : 'en')}
            aria-label="language"
            title={locale === 'en' ? 'Bahasa Indonesia' : 'English'}
          >
            {locale === 'en' ? 'ID' : 'EN'}
          </button>
          <button type="button" className="link" onClick={signOut}>
            {t('nav.signOut')}
          </button>
        </header>
        <main>
          {!workspace ? (
            <p className="error" role="alert">
              {t('app.noWorkspace', { slug: route.slug ?? '' })}
            </p>
          ) : (
            <ScreenFor
              screen={canSee(me, route.screen) ? route.screen : 'inbox'}
              role={me.role}
              workspace={workspace}
              id={route.id}
              open={(id) => go({ slug: workspace.slug, screen: 'inbox', id })}
            />
          )}
        </main>
      </div>
    </RoleContext.Provider>
  );
}

function ScreenFor({
  screen,
  role,
  workspace,
  id,
  open,
}: {
  screen: Screen;
  role: Role;
  workspace: Workspace;
  id: string | null;
  open(conversationId: string): void;
}) {
  switch (screen) {
    case 'inbox':
      return <InboxScreen key={workspace.slug} workspace={workspace} openId={id} />;
    case 'leads':
      return <LeadsScreen key={workspace.slug} workspace={workspace} openConversation={open} />;
    case 'bookings':
      return <BookingsScreen key={workspace.slug} workspace={workspace} canSetUp={RANK[role] >= RANK.manager} />;
    case 'usage':
      return <UsageScreen key={workspace.slug} workspace={workspace} />;
    case 'settings':
      return <SettingsScreen key={workspace.slug} workspace={workspace} canSpend={RANK[role] >= RANK.owner} />;
    case 'playbook':
      return <PlaybookScreen key={workspace.slug} workspace={workspace} />;
    case 'try':
      return <TryItScreen key={workspace.slug} workspace={workspace} />;
    case 'health':
      return <HealthScreen key={workspace.slug} workspace={workspace} />;
    case 'keys':
      return <KeysScreen key={workspace.slug} workspace={workspace} />;
  }
}
