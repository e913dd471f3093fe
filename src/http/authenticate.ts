/**
 * Who is calling the API: the admin (ARI_ADMIN_TOKEN, every workspace) or a
 * workspace API key (that workspace alone, within its role). Anything else is nobody.
 */
import type { FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../core/constant-time-equal.js';
import { and, eq, isNull } from 'drizzle-orm';
import { hashApiKey } from '../api-keys/create-api-key.js';
import { recordKeyUse } from '../api-keys/record-key-use.js';
import type { ApiKeyRole } from '../core/vocabulary.js';
import { UserError } from '../core/user-error.js';
import { apiKeys, workspaces } from '../db/schema.js';
import type { ServiceContext } from '../context/service-context.js';
import type { Workspace } from '../workspaces/create-workspace.js';

export type Principal = { kind: 'admin' } | { kind: 'workspace'; workspaceId: string; keyId: string; role: ApiKeyRole };

export async function authenticate(ctx: ServiceContext, authorization: string | undefined): Promise<Principal | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return null;
  const admin = ctx.config.adminToken;
  if (admin && constantTimeEqual(token, admin)) return { kind: 'admin' };
  if (!token.startsWith('ari_')) return null;
  // Read on every request (an indexed lookup): a revoked key is refused at once, on every process.
  const [key] = await ctx.database.db
    .select({ id: apiKeys.id, workspaceId: apiKeys.workspaceId, role: apiKeys.role })
    .from(apiKeys)
    .where(and(eq(apiKeys.tokenHash, hashApiKey(token)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!key) return null;
  recordKeyUse(ctx.database.db, ctx.logger, key.id);
  return { kind: 'workspace', workspaceId: key.workspaceId, keyId: key.id, role: key.role };
}

/**
 * The workspace a principal may see under this slug. Another workspace's slug
 * answers exactly like a missing one (404): a key cannot even learn it exists.
 */
export type SlugParams = { Params: { slug: string } };
export type ConversationParams = { Params: { slug: string; id: string } };

/** The workspace named by the route's :slug, as the signed-in principal may see it. */
export function workspaceOf(ctx: ServiceContext, request: FastifyRequest<SlugParams>): Promise<Workspace> {
  return workspaceFor(ctx, request.principal, request.params.slug);
}

export async function workspaceFor(ctx: ServiceContext, principal: Principal, slug: string): Promise<Workspace> {
  const [workspace] = await ctx.database.db.select().from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
  if (!workspace || (principal.kind === 'workspace' && principal.workspaceId !== workspace.id)) {
    throw new UserError(`no workspace with slug "${slug}"`, 'not_found');
  }
  return workspace;
}
