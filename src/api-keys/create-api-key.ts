/**
 * Workspace API keys: "ari_" + 32 random bytes. Only the SHA-256 hash is stored,
 * so the key is printed once and a database leak does not leak keys.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { sha256Hex } from '../core/sha256-hex.js';
import { parseInput } from '../core/parse-input.js';
import type { AriDatabase } from '../db/open-database.js';
import { apiKeys } from '../db/schema.js';
import { getWorkspaceBySlug } from '../workspaces/get-workspace-by-slug.js';
import { slugSchema } from '../workspaces/workspace-input.js';
import { API_KEY_ROLES, type ApiKeyRole } from '../core/vocabulary.js';

/** Least privilege: a key that is handed out without thought can answer customers, nothing more. */
export const DEFAULT_API_KEY_ROLE: ApiKeyRole = 'agent';

export const createApiKeyInput = z
  .object({
    workspace: slugSchema,
    name: z.string().trim().min(1).max(80).default('default'),
    role: z.enum(API_KEY_ROLES, { error: `must be one of ${API_KEY_ROLES.join(', ')}` }).default(DEFAULT_API_KEY_ROLE),
  })
  .strict();

export interface CreatedApiKey {
  id: string;
  workspace: string;
  name: string;
  role: ApiKeyRole;
  prefix: string;
  /** Shown once; not stored. */
  key: string;
}

export async function createApiKey(db: AriDatabase, input: z.input<typeof createApiKeyInput>): Promise<CreatedApiKey> {
  const values = parseInput(createApiKeyInput, input);
  const workspace = await getWorkspaceBySlug(db, values.workspace);
  const key = `ari_${crypto.randomBytes(32).toString('base64url')}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      workspaceId: workspace.id,
      name: values.name,
      role: values.role,
      prefix: key.slice(0, 10),
      tokenHash: hashApiKey(key),
    })
    .returning({ id: apiKeys.id });
  return {
    id: row!.id,
    workspace: workspace.slug,
    name: values.name,
    role: values.role,
    prefix: key.slice(0, 10),
    key,
  };
}

export function hashApiKey(key: string): string {
  return sha256Hex(key);
}
