import { describe, expect, it } from 'vitest';
import { normalizePhone } from './normalize-phone.js';

describe('normalizePhone', () => {
  it.each([
    ['+6281234567890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['081234567890', '+6281234567890'],
    ['0812-3456-7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['006281234567890', '+6281234567890'],
    ['+14155552671', '+14155552671'],
  ])('%s becomes %s', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it.each(['', 'hello', '12', '+62'])('refuses %j', (raw) => {
    expect(() => normalizePhone(raw)).toThrow('not a phone number');
  });
});
