/** The console's address: #/<workspace>/<screen>[/<id>], so a reload or a link lands on the same screen. */
import { useEffect, useState } from 'react';

export const SCREENS = [
  'inbox',
  'leads',
  'bookings',
  'usage',
  'settings',
  'playbook',
  'try',
  'health',
  'keys',
] as const;
export type Screen = (typeof SCREENS)[number];

export interface Route {
  slug: string | null;
  screen: Screen;
  id: string | null;
}

export function parseRoute(hash: string): Route {
  const [slug, screen, id] = hash.replace(/^#\/?/, '').split('/');
  return {
    slug: slug || null,
    screen: SCREENS.includes(screen as Screen) ? (screen as Screen) : 'inbox',
    id: id || null,
  };
}

export function routeHref(route: Route): string {
  return `#/${route.slug ?? ''}/${route.screen}${route.id ? `/${route.id}` : ''}`;
}

export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [route, (next) => (location.hash = routeHref(next))];
}
