/**
 * Secrets at rest (a workspace's Kapso API key): AES-256-GCM with ARI_ENCRYPTION_KEY.
 * Stored as "v1:<iv>:<tag>:<ciphertext>" in base64url; a wrong key or a tampered
 * value fails to open instead of yielding garbage.
 */
import crypto from 'node:crypto';
import { UserError } from '../core/user-error.js';

export function sealSecret(plaintext: string, key: Buffer | undefined): string {
  if (!key)
    throw new UserError('ARI_ENCRYPTION_KEY is not set: per-workspace secrets cannot be saved (set 64 hex characters)');
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join(':');
}

export function openSecret(sealed: string, key: Buffer | undefined): string {
  if (!key) throw new UserError('ARI_ENCRYPTION_KEY is not set: a stored secret cannot be read');
  const [version, iv, tag, ciphertext] = sealed.split(':');
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('unrecognised secret format');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
