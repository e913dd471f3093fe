import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret, secretContext } from './secret-box.js';

describe('secret box', () => {
  const key = crypto.randomBytes(32);
  const mine = secretContext('kapso_api_key', '7d2c1a52-0000-4000-8000-000000000001');
  const theirs = secretContext('kapso_api_key', '7d2c1a52-0000-4000-8000-000000000002');

  it('round-trips as v2, with a fresh IV each time, and never contains the plaintext', () => {
    const a = sealSecret('kapso-key-123', key, mine);
    const b = sealSecret('kapso-key-123', key, mine);
    expect(a).not.toBe(b);
    expect(a.startsWith('v2:')).toBe(true);
    expect(a).not.toContain('kapso-key-123');
    expect(openSecret(a, key, mine)).toBe('kapso-key-123');
  });

  it('binds a secret to its workspace: copied into another workspace it does not open', () => {
    const sealed = sealSecret('kapso-key-123', key, mine);
    expect(() => openSecret(sealed, key, theirs)).toThrow();
  });

  it('refuses a wrong key, a tampered value, a truncated tag and an unknown format', () => {
    const sealed = sealSecret('kapso-key-123', key, mine);
    expect(() => openSecret(sealed, crypto.randomBytes(32), mine)).toThrow();
    const parts = sealed.split(':');
    expect(() =>
      openSecret([...parts.slice(0, 3), Buffer.from('tampered').toString('base64url')].join(':'), key, mine),
    ).toThrow();
    const shortTag = Buffer.from(parts[2]!, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => openSecret([parts[0], parts[1], shortTag, parts[3]].join(':'), key, mine)).toThrow('not 16 bytes');
    expect(() => openSecret(['v3', ...parts.slice(1)].join(':'), key, mine)).toThrow('unrecognised secret format');
  });

  it('still opens v1 values sealed before associated data existed', () => {
    // v1 exactly as it was written: AES-256-GCM without associated data.
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update('old-kapso-key', 'utf8'), cipher.final()]);
    const v1 = ['v1', iv, cipher.getAuthTag(), ciphertext]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join(':');
    expect(openSecret(v1, key, mine)).toBe('old-kapso-key');
  });

  it('cannot seal without a key', () => {
    expect(() => sealSecret('x', undefined, mine)).toThrow('ARI_ENCRYPTION_KEY is not set');
  });
});
