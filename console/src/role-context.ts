/** The signed-in role, for parts of a screen that only some roles may load (an agent cannot read the playbook). */
import { createContext, useContext } from 'react';
import type { Role } from './types';

export const RANK: Record<Role, number> = { agent: 0, manager: 1, owner: 2, admin: 3 };

export const RoleContext = createContext<Role>('agent');

/** Whether the signed-in role is at least `least`. */
export function useHasRole(least: Role): boolean {
  return RANK[useContext(RoleContext)] >= RANK[least];
}
