/** Refuses (403) a principal below a role; the admin passes. */
import { roleAllows, type RequiredRole } from '../api-keys/api-key-roles.js';
import { UserError } from '../core/user-error.js';
import type { Principal } from './authenticate.js';

export function principalRole(principal: Principal): RequiredRole {
  return principal.kind === 'admin' ? 'admin' : principal.role;
}

export function requireRole(principal: Principal, required: RequiredRole, what: string): void {
  if (roleAllows(principalRole(principal), required)) return;
  throw new UserError(
    required === 'admin' ? `${what} needs the admin token` : `${what} needs a key with the ${required} role`,
    'forbidden',
  );
}
