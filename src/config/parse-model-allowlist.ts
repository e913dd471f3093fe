/**
 * The operator's model allow-list as configuration:
 * ARI_MODEL_ALLOWLIST="grok:grok-4-1-fast-non-reasoning,sealion:*,ollama:llama3:8b", each entry
 * `provider:model` (split at the first colon; `*` is any model of that provider). Unset
 * (undefined), the built-in default models alone (see assistant-config/chain-policy.ts). Pure.
 */
import { PROVIDERS, type Provider } from '../core/assistant-settings.js';

export interface AllowedModel {
  provider: Provider;
  /** A model id, or `*` for any model of the provider. */
  model: string;
}

export function parseModelAllowlist(text: string | undefined): AllowedModel[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(':');
      const provider = entry.slice(0, colon);
      const model = entry.slice(colon + 1).trim();
      if (colon <= 0 || !model || !(PROVIDERS as readonly string[]).includes(provider)) {
        throw new Error(`"${entry}" is not provider:model with a provider among ${PROVIDERS.join(', ')}`);
      }
      return { provider: provider as Provider, model };
    });
}
