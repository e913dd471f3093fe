/**
 * "Delivery unknown": ARI gave up waiting to learn whether the provider took a send
 * (no answer and no status, even after sending once more). It is stored as a failure
 * whose error starts with this marker, so the console shows it and a late provider
 * status can still settle it (see apply-delivery-status.ts).
 */
export const DELIVERY_UNKNOWN = 'delivery unknown';

export function isDeliveryUnknown(message: { status: string; error: string | null }): boolean {
  return message.status === 'failed' && (message.error?.startsWith(DELIVERY_UNKNOWN) ?? false);
}
