/**
 * Secrets at rest (a workspace's Kapso API key): AES-256-GCM with ARI_ENCRYPTION_KEY.
 * Stored as "v2:<iv>:<tag>:<ciphertext>" in base64url. The associated data names what
 * the secret is and whose (`kapso_api_key:<workspace id>`), so a sealed value copied
 * into another workspace's row does not open there; the tag must be the full 16 bytes
 * (a truncated tag would make forgery cheaper). A wrong key or a tampered value fails
 * to open instead of yielding garbage. "v1" values (sealed without associated data)
 * still open, so existing rows keep working until they are saved again.
 */
import crypto from 'node:crypto';
import { UserError } from '../core/user-error.js';

const TAG_BYTES = 16;

/** The associated data of a workspace's secret: what it is and which workspace owns it. */
export function secretContext(purpose: 'kapso_api_key', workspaceId: string): string {
  return `${purpose}:${workspaceId}`;
}

export function sealSecret(plaintext: string, key: Buffer | undefined, context: string): string {
  if (!key)
    throw new UserError('ARI_ENCRYPTION_KEY is not set: per-workspace secrets cannot be saved (set 64 hex characters)');
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v2', iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join(':');
}

export function openSecret(sealed: string, key: Buffer | undefined, context: string): string {
  if (!key) throw new UserError('ARI_ENCRYPTION_KEY is not set: a stored secret cannot be read');
  const [version, iv, tag, ciphertext, extra] = sealed.split(':');
  if ((version !== 'v1' && version !== 'v2') || !iv || !tag || ciphertext === undefined || extra !== undefined)
    throw new Error('unrecognised secret format');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (tagBytes.length !== TAG_BYTES) throw new Error('secret authentication tag is not 16 bytes');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
    authTagLength: TAG_BYTES,
  });
  if (version === 'v2') decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tagBytes);
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
