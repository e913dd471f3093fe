/** A link of a chain as an AI SDK language model, pointed at its configured base URL and key. */
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { Config } from '../config/config.js';
import type { ModelLink } from '../core/assistant-settings.js';

export class MissingProviderError extends Error {
  override name = 'MissingProviderError';
}

export function languageModelFor(config: Config, link: ModelLink): LanguageModel {
  const { grok, sealion, anthropic, ollama } = config.providers;
  switch (link.provider) {
    case 'grok':
      if (!grok.apiKey) throw new MissingProviderError('GROK_API_KEY is not set');
      // xAI enforces a JSON schema (response_format json_schema): the Brain's answer comes back in shape.
      return createOpenAICompatible({
        name: 'xai',
        baseURL: grok.baseUrl,
        apiKey: grok.apiKey,
        supportsStructuredOutputs: true,
      }).chatModel(link.model);
    case 'sealion':
      if (!sealion.apiKey) throw new MissingProviderError('SEALION_API_KEY is not set');
      return createOpenAICompatible({ name: 'sealion', baseURL: sealion.baseUrl, apiKey: sealion.apiKey }).chatModel(
        link.model,
      );
    case 'ollama':
      if (!ollama.baseUrl) throw new MissingProviderError('OLLAMA_BASE_URL is not set');
      // Ollama constrains decoding to the schema (grammar).
      return createOpenAICompatible({
        name: 'ollama',
        baseURL: ollama.baseUrl,
        apiKey: 'ollama',
        supportsStructuredOutputs: true,
      }).chatModel(link.model);
    case 'anthropic':
      if (!anthropic.apiKey) throw new MissingProviderError('ANTHROPIC_API_KEY is not set');
      return createAnthropic({ apiKey: anthropic.apiKey, baseURL: anthropic.baseUrl })(link.model);
    case 'rules':
      throw new MissingProviderError('the rules engine is not a language model');
  }
}
