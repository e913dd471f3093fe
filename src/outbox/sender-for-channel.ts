/**
 * Picks how a conversation's messages leave: Kapso, Meta, or the sandbox. It lives with
 * the outbox, its user, so channels/ (the contract) never imports one of its adapters.
 */
import type { Config } from '../config/config.js';
import type { Channel } from '../core/vocabulary.js';
import { openSecret } from '../secrets/secret-box.js';
import { SendError, type ChannelSender } from '../channels/channel-sender.js';
import { createCloudApiSender } from '../channels/cloud-api-sender.js';
import { sandboxSender } from '../channels/sandbox/sandbox-sender.js';

export function senderForChannel(
  config: Config,
  channel: Channel,
  workspace: { kapsoApiKeyCiphertext: string | null },
): ChannelSender {
  switch (channel) {
    case 'sandbox':
      return sandboxSender;
    case 'kapso': {
      const apiKey = workspace.kapsoApiKeyCiphertext
        ? openSecret(workspace.kapsoApiKeyCiphertext, config.encryptionKey)
        : config.kapsoApiKey;
      if (!apiKey) return unconfigured('no Kapso API key: set KAPSO_API_KEY or the workspace key');
      return createCloudApiSender({ baseUrl: config.kapsoApiBaseUrl, auth: { kapsoApiKey: apiKey } });
    }
    case 'meta':
      if (!config.metaAccessToken) return unconfigured('no Meta access token: set META_ACCESS_TOKEN');
      return createCloudApiSender({ baseUrl: config.metaGraphBaseUrl, auth: { accessToken: config.metaAccessToken } });
  }
}

function unconfigured(reason: string): ChannelSender {
  return {
    sendText: () => Promise.reject(new SendError(reason, false)),
    markRead: () => Promise.resolve(),
  };
}
