/**
 * The sandbox channel's sending half: nothing leaves the machine. The outbound
 * message is already stored (the outbox row); "sending" gives it an id.
 */
import crypto from 'node:crypto';
import type { ChannelSender } from '../channel-sender.js';

export const sandboxSender: ChannelSender = {
  sendText: async () => ({ providerMessageId: `sandbox-${crypto.randomUUID()}` }),
  sendTemplate: async () => ({ providerMessageId: `sandbox-${crypto.randomUUID()}` }),
  markRead: async () => undefined,
};
