/** How ARI reaches a channel's Cloud API: Kapso's proxy with the workspace's or the deployment's key, or Meta's Graph API. */
import type { Config } from '../config/config.js';
import type { Channel } from '../core/vocabulary.js';
import { openSecret, secretContext } from '../secrets/secret-box.js';

export type CloudApiCredentials =
  | { baseUrl: string; auth: { kapsoApiKey: string } | { accessToken: string } }
  | { missing: string };

export function cloudApiCredentials(
  config: Config,
  channel: Exclude<Channel, 'sandbox'>,
  workspace: { id: string; kapsoApiKeyCiphertext: string | null },
): CloudApiCredentials {
  if (channel === 'kapso') {
    const apiKey = workspace.kapsoApiKeyCiphertext
      ? openSecret(workspace.kapsoApiKeyCiphertext, config.encryptionKey, secretContext('kapso_api_key', workspace.id))
      : config.kapsoApiKey;
    if (!apiKey) return { missing: 'no Kapso API key: set KAPSO_API_KEY or the workspace key' };
    return { baseUrl: config.kapsoApiBaseUrl, auth: { kapsoApiKey: apiKey } };
  }
  if (!config.metaAccessToken) return { missing: 'no Meta access token: set META_ACCESS_TOKEN' };
  return { baseUrl: config.metaGraphBaseUrl, auth: { accessToken: config.metaAccessToken } };
}
