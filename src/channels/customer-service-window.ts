/**
 * WhatsApp's customer-service window: free-form messages may be sent for 24 hours
 * after the customer's last INBOUND message (not the last message of either side).
 */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

export function isWindowOpen(lastInboundAt: Date | null, now: Date): boolean {
  return lastInboundAt !== null && now.getTime() - lastInboundAt.getTime() < WINDOW_MS;
}
