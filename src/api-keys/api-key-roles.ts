/**
 * What a workspace key may do. Each role includes the ones before it:
 * agent (inbox, replies, leads) < manager (+ assistant settings, knowledge, health,
 * usage) < owner (+ budgets, model chains, keys). The admin token is above all.
 */
import type { ApiKeyRole } from '../core/vocabulary.js';

export { API_KEY_ROLES, type ApiKeyRole } from '../core/vocabulary.js';

/** A route's or action's minimum: a key role, or the admin token alone. */
export type RequiredRole = ApiKeyRole | 'admin';

const RANK: Record<RequiredRole, number> = { agent: 0, manager: 1, owner: 2, admin: 3 };

export function roleAllows(held: RequiredRole, required: RequiredRole): boolean {
  return RANK[held] >= RANK[required];
}
