/**
 * Model ids and chains by default, in one place. A workspace's ari_config
 * mouth_chain / brain_chain replace these; null means "these, for the keys this
 * deployment has": Mouth = SEA-LION, then Grok, then rules; Brain = Grok, then rules.
 */
import type { Config } from '../config/config.js';
import type { ModelChain, ModelLink } from '../core/assistant-settings.js';
import type { AiType } from '../core/vocabulary.js';

export const DEFAULT_MODELS = {
  sealion: 'aisingapore/Gemma-SEA-LION-v4-27B-IT',
  grokMouth: 'grok-4-1-fast-non-reasoning',
  grokBrain: 'grok-4-1-fast-reasoning',
  anthropic: 'claude-haiku-4-5',
  rules: 'ari-rules-v1',
} as const;

export const DEFAULT_TIMEOUT_MS: Record<AiType, number> = { mouth: 8000, brain: 20_000, transcribe: 30_000 };

const RULES_LINK: ModelLink = { provider: 'rules', model: DEFAULT_MODELS.rules, timeoutMs: 1000 };

export function defaultChain(config: Config, aiType: AiType): ModelChain {
  const timeoutMs = DEFAULT_TIMEOUT_MS[aiType];
  const links: ModelLink[] = [];
  if (aiType === 'mouth' && config.providers.sealion.apiKey)
    links.push({ provider: 'sealion', model: DEFAULT_MODELS.sealion, timeoutMs });
  if (config.providers.grok.apiKey) {
    links.push({
      provider: 'grok',
      model: aiType === 'mouth' ? DEFAULT_MODELS.grokMouth : DEFAULT_MODELS.grokBrain,
      timeoutMs,
    });
  }
  return [...links, RULES_LINK];
}

/** The chain a workspace runs: its own, always ending in the free rules engine. */
export function chainFor(config: Config, aiType: AiType, configured: ModelChain | null): ModelChain {
  const chain = configured ?? defaultChain(config, aiType);
  return chain.some((link) => link.provider === 'rules') ? chain : [...chain, RULES_LINK];
}
