import crypto from 'node:crypto';

/** SHA-256 of a secret, hex: what is stored of API keys and feed tokens (the secret itself never is). */
export function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}
