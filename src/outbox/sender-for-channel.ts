/**
 * Picks how a conversation's messages leave: Kapso, Meta, or the sandbox. It lives with
 * the outbox, its user, so channels/ (the contract) never imports one of its adapters.
 */
import type { Config } from '../config/config.js';
import type { Channel } from '../core/vocabulary.js';
import { SendError, type ChannelSender } from '../channels/channel-sender.js';
import { cloudApiCredentials } from '../channels/cloud-api-credentials.js';
import { createCloudApiSender } from '../channels/cloud-api-sender.js';
import { sandboxSender } from '../channels/sandbox/sandbox-sender.js';

export function senderForChannel(
  config: Config,
  channel: Channel,
  workspace: { id: string; kapsoApiKeyCiphertext: string | null },
): ChannelSender {
  if (channel === 'sandbox') return sandboxSender;
  const credentials = cloudApiCredentials(config, channel, workspace);
  if ('missing' in credentials) return unconfigured(credentials.missing);
  return createCloudApiSender({ ...credentials, timeoutMs: config.sendTimeoutMs });
}

function unconfigured(reason: string): ChannelSender {
  return {
    sendText: () => Promise.reject(new SendError(reason, false)),
    sendTemplate: () => Promise.reject(new SendError(reason, false)),
    markRead: () => Promise.resolve(),
  };
}
