/**
 * Prometheus metrics of one ARI process (prom-client), served at GET /metrics.
 * A registry per service, not the global one, so several services can share a
 * process (tests). Workspaces are labelled by id: stable, and never a secret.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ServiceMetrics {
  registry: Registry;
  aiCalls: Counter<'workspace' | 'ai_type' | 'provider' | 'model' | 'outcome'>;
  aiTokens: Counter<'workspace' | 'ai_type' | 'model' | 'kind'>;
  aiCostUsd: Counter<'workspace' | 'ai_type' | 'model'>;
  aiLatency: Histogram<'ai_type' | 'provider' | 'model'>;
  webhooks: Counter<'channel' | 'status'>;
  deadLetters: Counter<'channel' | 'reason'>;
  jobs: Counter<'queue' | 'result'>;
  reconcileRuns: Counter<'phone_number_id' | 'result'>;
  reconcileRecovered: Counter<'phone_number_id'>;
  reconcileLastSuccess: Gauge<'phone_number_id'>;
}

export function createServiceMetrics(): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ari_process_' });
  const registers = [registry];
  return {
    registry,
    aiCalls: new Counter({
      name: 'ari_ai_calls_total',
      help: 'AI call attempts, by outcome (skipped_budget: not made, the budget refused it)',
      labelNames: ['workspace', 'ai_type', 'provider', 'model', 'outcome'],
      registers,
    }),
    aiTokens: new Counter({
      name: 'ari_ai_tokens_total',
      help: 'Tokens of AI calls: kind is input, cached_input, output or reasoning',
      labelNames: ['workspace', 'ai_type', 'model', 'kind'],
      registers,
    }),
    aiCostUsd: new Counter({
      name: 'ari_ai_cost_usd_total',
      help: 'Cost of AI calls in USD (exact figures are in ai_usage)',
      labelNames: ['workspace', 'ai_type', 'model'],
      registers,
    }),
    aiLatency: new Histogram({
      name: 'ari_ai_call_duration_seconds',
      help: 'AI call latency, failed calls included',
      labelNames: ['ai_type', 'provider', 'model'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
      registers,
    }),
    webhooks: new Counter({
      name: 'ari_webhook_deliveries_total',
      help: 'Webhook deliveries by channel and HTTP status answered',
      labelNames: ['channel', 'status'],
      registers,
    }),
    deadLetters: new Counter({
      name: 'ari_dead_letters_total',
      help: 'Webhook events that could not be used, kept in dead_letters (by channel and reason)',
      labelNames: ['channel', 'reason'],
      registers,
    }),
    jobs: new Counter({
      name: 'ari_jobs_total',
      help: 'Jobs handled by queue and result (completed or failed, a failed one is retried)',
      labelNames: ['queue', 'result'],
      registers,
    }),
    reconcileRuns: new Counter({
      name: 'ari_reconcile_runs_total',
      help: "Checks of Kapso's message history by phone number id and result (ok or error)",
      labelNames: ['phone_number_id', 'result'],
      registers,
    }),
    reconcileRecovered: new Counter({
      name: 'ari_reconcile_recovered_messages_total',
      help: "Messages stored from Kapso's message history that no webhook had delivered",
      labelNames: ['phone_number_id'],
      registers,
    }),
    reconcileLastSuccess: new Gauge({
      name: 'ari_reconcile_last_success_timestamp_seconds',
      help: "When Kapso's message history was last checked successfully (Unix seconds)",
      labelNames: ['phone_number_id'],
      registers,
    }),
  };
}
