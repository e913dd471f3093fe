import type { Provider } from '../core/assistant-settings.js';
import type { Config } from './config.js';

/** Whether this deployment can call the provider at all (the rules engine always can). */
export function isProviderConfigured(config: Config, provider: Provider): boolean {
  const { providers } = config;
  if (provider === 'rules') return true;
  if (provider === 'ollama') return Boolean(providers.ollama.baseUrl);
  return Boolean(providers[provider].apiKey);
}
