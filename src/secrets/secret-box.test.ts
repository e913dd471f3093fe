import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box.js';

describe('secret box', () => {
  const key = crypto.randomBytes(32);

  it('round-trips, with a fresh IV each time, and never contains the plaintext', () => {
    const a = sealSecret('kapso-key-123', key);
    const b = sealSecret('kapso-key-123', key);
    expect(a).not.toBe(b);
    expect(a).not.toContain('kapso-key-123');
    expect(openSecret(a, key)).toBe('kapso-key-123');
  });

  it('refuses a wrong key or a tampered value', () => {
    const sealed = sealSecret('kapso-key-123', key);
    expect(() => openSecret(sealed, crypto.randomBytes(32))).toThrow();
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => openSecret(parts.join(':'), key)).toThrow();
  });

  it('cannot seal without a key', () => {
    expect(() => sealSecret('x', undefined)).toThrow('ARI_ENCRYPTION_KEY is not set');
  });
});
