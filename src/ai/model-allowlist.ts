/**
 * Which models a workspace key may put in its chains: the operator's allow-list
 * (ARI_MODEL_ALLOWLIST="grok:grok-4-1-fast-non-reasoning,sealion:*,ollama:llama3:8b"),
 * each entry `provider:model` (split at the first colon; `*` is any model of that
 * provider). Unset, the built-in default models alone. The rules engine is free
 * and always allowed. Pure.
 */
import { PROVIDERS, type ModelChain, type Provider } from '../core/assistant-settings.js';
import { DEFAULT_MODELS } from './default-chains.js';

export interface AllowedModel {
  provider: Provider;
  /** A model id, or `*` for any model of the provider. */
  model: string;
}

export function parseModelAllowlist(text: string | undefined): AllowedModel[] {
  if (text === undefined) return defaultAllowlist();
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

function defaultAllowlist(): AllowedModel[] {
  return [
    { provider: 'sealion', model: DEFAULT_MODELS.sealion },
    { provider: 'grok', model: DEFAULT_MODELS.grokMouth },
    { provider: 'grok', model: DEFAULT_MODELS.grokBrain },
    { provider: 'anthropic', model: DEFAULT_MODELS.anthropic },
  ];
}

/** What in a chain a workspace key may not choose, one sentence each; empty when all is allowed. */
export function chainPolicyProblems(
  chain: ModelChain,
  policy: { allowlist: AllowedModel[]; maxTimeoutMs: number },
): string[] {
  const problems: string[] = [];
  for (const link of chain) {
    if (link.provider === 'rules') continue;
    const allowed = policy.allowlist.some(
      (a) => a.provider === link.provider && (a.model === '*' || a.model === link.model),
    );
    if (!allowed) problems.push(`${link.provider}:${link.model} is not on this server's model allow-list`);
    if (link.timeoutMs > policy.maxTimeoutMs) {
      problems.push(
        `${link.provider}:${link.model} waits ${link.timeoutMs} ms; the most allowed is ${policy.maxTimeoutMs} ms`,
      );
    }
  }
  return problems;
}
