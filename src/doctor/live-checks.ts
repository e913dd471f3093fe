/**
 * `ari doctor --live`: asks each configured provider for its model list, so a
 * revoked key or an unreachable host shows before a customer writes in.
 */
import type { Config } from '../config/config.js';
import { check, type DoctorCheck } from './doctor-check.js';

const LIVE_TIMEOUT_MS = 5000;

interface Probe {
  name: string;
  url: string;
  headers: Record<string, string>;
}

export function liveProbes(config: Config): Probe[] {
  const { grok, sealion, anthropic, ollama } = config.providers;
  const probes: Probe[] = [];
  if (grok.apiKey) probes.push({ name: 'grok', url: `${grok.baseUrl}/models`, headers: bearer(grok.apiKey) });
  if (sealion.apiKey)
    probes.push({ name: 'sealion', url: `${sealion.baseUrl}/models`, headers: bearer(sealion.apiKey) });
  if (anthropic.apiKey) {
    probes.push({
      name: 'anthropic',
      url: `${anthropic.baseUrl}/models`,
      headers: { 'x-api-key': anthropic.apiKey, 'anthropic-version': '2023-06-01' },
    });
  }
  if (ollama.baseUrl) probes.push({ name: 'ollama', url: `${ollama.baseUrl}/models`, headers: {} });
  return probes;
}

export async function checkProvidersLive(config: Config): Promise<DoctorCheck[]> {
  const probes = liveProbes(config);
  if (probes.length === 0) return [check('ai.live', 'warn', 'no provider is configured: nothing to call')];
  return Promise.all(probes.map(runProbe));
}

async function runProbe(probe: Probe): Promise<DoctorCheck> {
  const name = `ai.live.${probe.name}`;
  try {
    const response = await fetch(probe.url, { headers: probe.headers, signal: AbortSignal.timeout(LIVE_TIMEOUT_MS) });
    if (!response.ok) {
      return check(name, 'fail', `${probe.url} answered HTTP ${response.status}`, {
        hint: response.status === 401 || response.status === 403 ? 'the API key is wrong or revoked' : undefined,
      });
    }
    const body = (await response.json().catch(() => ({}))) as { data?: unknown[]; models?: unknown[] };
    const count = (body.data ?? body.models ?? []).length;
    return check(name, 'pass', `${probe.url} lists ${count} models`);
  } catch (error) {
    return check(name, 'fail', `${probe.url} is unreachable: ${(error as Error).message}`, {
      hint: 'check the base URL and the network path from this server',
    });
  }
}

function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}
