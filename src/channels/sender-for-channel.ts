/** Picks how a conversation's messages leave: Kapso, Meta, or the sandbox. */
import type { Config } from '../config/config.js';
import type { Channel } from '../core/vocabulary.js';
import { openSecret } from '../secrets/secret-box.js';
import { SendError, type ChannelSender } from './channel-sender.js';
import { createCloudApiSender } from './cloud-api-sender.js';
import { sandboxSender } from './sandbox/sandbox-sender.js';

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
      return createCloudApiSender({
        baseUrl: config.kapsoApiBaseUrl,
        auth: { kapsoApiKey: apiKey },
        timeoutMs: config.sendTimeoutMs,
      });
    }
    case 'meta':
      if (!config.metaAccessToken) return unconfigured('no Meta access token: set META_ACCESS_TOKEN');
      return createCloudApiSender({
        baseUrl: config.metaGraphBaseUrl,
        auth: { accessToken: config.metaAccessToken },
        timeoutMs: config.sendTimeoutMs,
      });
  }
}

function unconfigured(reason: string): ChannelSender {
  return {
    sendText: () => Promise.reject(new SendError(reason, false)),
    markRead: () => Promise.resolve(),
  };
}
