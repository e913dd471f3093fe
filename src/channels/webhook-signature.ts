/** HMAC-SHA256 webhook signatures, checked over the raw body bytes in constant time. */
import crypto from 'node:crypto';

/**
 * True when `signatureHex` is the hex HMAC-SHA256 of `rawBody` under `secret`.
 * A missing secret or signature is always false: an unconfigured webhook refuses
 * everything instead of accepting unverified deliveries.
 */
export function isValidHmacSha256(
  rawBody: Buffer,
  secret: string | undefined,
  signatureHex: string | undefined,
): boolean {
  if (!secret || !signatureHex || !/^[0-9a-fA-F]{64}$/.test(signatureHex)) return false;
  const expected = crypto.createHmac('sha256', secret).update(rawBody).digest();
  return crypto.timingSafeEqual(expected, Buffer.from(signatureHex, 'hex'));
}

export function hmacSha256Hex(rawBody: Buffer | string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
}
