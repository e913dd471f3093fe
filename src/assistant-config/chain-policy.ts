/**
 * Which models a workspace key may put in its chains: the operator's allow-list
 * (config.modelAllowlist), or the built-in default models when none is set, and a cap
 * on link timeouts. The rules engine is free and always allowed. Pure.
 */
import type { AllowedModel } from '../config/parse-model-allowlist.js';
import type { ModelChain } from '../core/assistant-settings.js';
import { DEFAULT_MODELS } from './default-chains.js';

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
  policy: { allowlist: AllowedModel[] | undefined; maxTimeoutMs: number },
): string[] {
  const allowlist = policy.allowlist ?? defaultAllowlist();
  const problems: string[] = [];
  for (const link of chain) {
    if (link.provider === 'rules') continue;
    const allowed = allowlist.some((a) => a.provider === link.provider && (a.model === '*' || a.model === link.model));
    if (!allowed) problems.push(`${link.provider}:${link.model} is not on this server's model allow-list`);
    if (link.timeoutMs > policy.maxTimeoutMs) {
      problems.push(
        `${link.provider}:${link.model} waits ${link.timeoutMs} ms; the most allowed is ${policy.maxTimeoutMs} ms`,
      );
    }
  }
  return problems;
}
