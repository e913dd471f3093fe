/**
 * Who may call what: every /api/v1 route and the least role it needs, in one
 * place. A route missing here stops the server at start (see api-routes.ts), so
 * nothing is reachable by accident. The admin token passes every check.
 *
 * agent:   the inbox, replies, take over / hand back, leads, the bookings calendar (book, move, cancel, mark)
 * manager: + the assistant's settings, playbook and knowledge, booking resources and their hours, Try it, usage, health
 * owner:   + budgets, model chains (a field of the assistant's settings), keys
 */
import type { RequiredRole } from '../api-keys/api-key-roles.js';

export const ROUTE_ROLES: Readonly<Record<string, RequiredRole>> = {
  'GET /me': 'agent',
  'GET /workspaces': 'agent',
  /** The built-in playbooks: the same for everyone, nothing of a workspace's. */
  'GET /playbooks': 'agent',
  'GET /workspaces/:slug': 'agent',
  'GET /workspaces/:slug/conversations': 'agent',
  'GET /workspaces/:slug/conversations/:id': 'agent',
  'POST /workspaces/:slug/conversations/:id/messages': 'agent',
  'PUT /workspaces/:slug/conversations/:id/mode': 'agent',
  'POST /workspaces/:slug/conversations/:id/read': 'agent',
  'GET /workspaces/:slug/events': 'agent',
  'GET /workspaces/:slug/contacts': 'agent',
  'GET /workspaces/:slug/contacts.csv': 'agent',
  'GET /workspaces/:slug/booking-resources': 'agent',
  'GET /workspaces/:slug/booking-resources/:id/slots': 'agent',
  'GET /workspaces/:slug/bookings': 'agent',
  'POST /workspaces/:slug/bookings': 'agent',
  'PATCH /workspaces/:slug/bookings/:id': 'agent',
  'POST /workspaces/:slug/booking-resources': 'manager',
  'PATCH /workspaces/:slug/booking-resources/:id': 'manager',
  'PUT /workspaces/:slug/booking-resources/:id/weekly': 'manager',
  'POST /workspaces/:slug/booking-resources/:id/days-off': 'manager',
  'DELETE /workspaces/:slug/booking-resources/:id/days-off/:dayOffId': 'manager',
  'GET /workspaces/:slug/assistant': 'manager',
  'PUT /workspaces/:slug/assistant': 'manager',
  'GET /workspaces/:slug/playbook': 'manager',
  'PUT /workspaces/:slug/playbook': 'manager',
  'POST /workspaces/:slug/sandbox/messages': 'manager',
  'GET /workspaces/:slug/usage': 'manager',
  'GET /workspaces/:slug/doctor': 'manager',
  'GET /workspaces/:slug/dead-letters': 'manager',
  'GET /workspaces/:slug/reconciliation': 'manager',
  /** A new secret URL for a resource's calendar feed (the old one stops working). */
  'POST /workspaces/:slug/booking-resources/:id/feed': 'manager',
  /** Turns the calendar feed off: its URL stops working. */
  'DELETE /workspaces/:slug/booking-resources/:id/feed': 'manager',
  'PUT /workspaces/:slug/budget': 'owner',
  'GET /workspaces/:slug/keys': 'owner',
  'POST /workspaces/:slug/keys': 'owner',
  'DELETE /workspaces/:slug/keys/:id': 'owner',
  'GET /usage': 'admin',
  'GET /reconciliation': 'admin',
};

/** Fields of a manager route that need more than the route does. */
export const FIELD_ROLES = {
  /** Which models run, and how long each may take: the operator's money. */
  modelChains: 'owner',
} as const satisfies Record<string, RequiredRole>;

/** The key of a route in ROUTE_ROLES, from Fastify's method and URL pattern (without the /api/v1 prefix). */
export function routeKey(method: string, url: string): string {
  return `${method} ${url.replace(/^\/api\/v1/, '')}`;
}
