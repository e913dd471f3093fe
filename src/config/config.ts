/**
 * Typed configuration, read once from the environment (12-factor). Every variable
 * is listed with a comment in .env.example; a bad value stops the process with a
 * one-line reason naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';
import { parseModelAllowlist, type AllowedModel } from './parse-model-allowlist.js';
import { UserError } from '../core/user-error.js';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  ARI_PUBLIC_URL: optionalText.pipe(z.string().url().optional()),
  ARI_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalText,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  ARI_DEMO: z.enum(['0', '1']).default('1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ARI_ADMIN_TOKEN: optionalText,
  GROK_API_KEY: optionalText,
  XAI_API_KEY: optionalText,
  SEALION_API_KEY: optionalText,
  ANTHROPIC_API_KEY: optionalText,
  OLLAMA_BASE_URL: optionalText,
  GROK_BASE_URL: z.string().url().default('https://api.x.ai/v1'),
  SEALION_BASE_URL: z.string().url().default('https://api.sea-lion.ai/v1'),
  ANTHROPIC_BASE_URL: z.string().url().default('https://api.anthropic.com/v1'),
  KAPSO_WEBHOOK_SECRET: optionalText,
  KAPSO_API_KEY: optionalText,
  META_APP_SECRET: optionalText,
  META_VERIFY_TOKEN: optionalText,
  META_ACCESS_TOKEN: optionalText,
  KAPSO_API_BASE_URL: z.string().url().default('https://api.kapso.ai/meta/whatsapp/v24.0'),
  META_GRAPH_BASE_URL: z.string().url().default('https://graph.facebook.com/v24.0'),
  ARI_DEBOUNCE_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
  ARI_ENCRYPTION_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes), e.g. openssl rand -hex 32')
      .optional(),
  ),
  ARI_SEND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  ARI_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  ARI_SEND_CONFIRM_WINDOW_MS: z.coerce.number().int().min(200).max(3_600_000).default(120_000),
  ARI_REPLY_JOB_MARGIN_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  ARI_BRAIN_EVERY: z.coerce.number().int().min(1).max(50).default(3),
  ARI_NOTIFY_WEBHOOK_URL: optionalText.pipe(z.string().url().optional()),
  ARI_NOTIFY_WEBHOOK_SECRET: optionalText,
  ARI_PRICES_FILE: optionalText,
  TRANSCRIBE_BASE_URL: optionalText.pipe(z.string().url().optional()),
  TRANSCRIBE_API_KEY: optionalText,
  TRANSCRIBE_MODEL: optionalText,
  ARI_MODEL_ALLOWLIST: optionalText,
  ARI_MODEL_MAX_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
  ARI_CONTACT_AI_TURNS_PER_MINUTE: z.coerce.number().int().min(0).max(10_000).default(6),
  ARI_CONTACT_AI_TURNS_PER_DAY: z.coerce.number().int().min(0).max(1_000_000).default(200),
  ARI_MAX_STREAMS_PER_KEY: z.coerce.number().int().min(1).max(1000).default(5),
  ARI_RECONCILE_EVERY_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
  ARI_RECONCILE_MARGIN_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
});

export interface Config {
  port: number;
  host: string;
  /** Where people reach this ARI (https://ari.example.com), for links it hands out (a calendar feed's URL). */
  publicUrl: string | undefined;
  /** Absolute path of the PGlite data directory (used when no DATABASE_URL). */
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL connections this process may hold (its pool; the job queue shares it). */
  databasePoolSize: number;
  demo: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  adminToken: string | undefined;
  providers: {
    grok: { apiKey: string | undefined; baseUrl: string };
    sealion: { apiKey: string | undefined; baseUrl: string };
    anthropic: { apiKey: string | undefined; baseUrl: string };
    /** Self-hosted: configured by its URL alone. */
    ollama: { baseUrl: string | undefined };
  };
  webhooks: {
    kapsoSecret: string | undefined;
    metaAppSecret: string | undefined;
    metaVerifyToken: string | undefined;
  };
  kapsoApiKey: string | undefined;
  metaAccessToken: string | undefined;
  kapsoApiBaseUrl: string;
  metaGraphBaseUrl: string;
  /** Messages closer together than this are answered once, together. */
  debounceMs: number;
  /** 32-byte key for secrets at rest (AES-256-GCM); undefined disables storing them. */
  encryptionKey: Buffer | undefined;
  /** Attempts per outbound message before it is marked failed. */
  sendMaxAttempts: number;
  /** Deadline of one send request to the provider. */
  sendTimeoutMs: number;
  /**
   * After a send whose outcome is unknown (timeout, connection reset), how long to wait for the
   * provider's status webhook before sending once more. Longer than a send request's deadline.
   */
  sendConfirmWindowMs: number;
  /** What a reply job may take beyond its models' deadlines (context, storage); sets its expiry. */
  replyJobMarginMs: number;
  /** A paid Brain runs on the first turn, then every N customer messages (and on strong signals). */
  brainEvery: number;
  /** Where handoffs are announced (Standard Webhooks signed POST). */
  notifyWebhookUrl: string | undefined;
  notifyWebhookSecret: string | undefined;
  /** ARI_PRICES_FILE, resolved: read at start-up into the context's price table (see prices/load-price-file.ts). */
  pricesFile: string | undefined;
  /** OpenAI-compatible speech-to-text for voice notes; undefined: customers are asked to type. */
  transcriber: { baseUrl: string; apiKey: string | undefined; model: string } | undefined;
  /** The models a workspace key may name in its chains (the admin token may name any). */
  modelAllowlist: AllowedModel[] | undefined;
  /** The longest link timeout a workspace key may set. */
  modelMaxTimeoutMs: number;
  /** Paid AI turns one contact may cause; beyond them the free rules engine answers. 0 = rules only. */
  contactAiTurnsPerMinute: number;
  contactAiTurnsPerDay: number;
  /** Concurrent event streams (SSE) one key or the admin token may hold open. */
  maxStreamsPerKey: number;
  /** How often Kapso's message history is checked for what webhooks missed (0: never, not even on start). */
  reconcileEveryMs: number;
  /** Each check starts this far before the last reconciled point (Kapso may record a message late). */
  reconcileMarginMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  if (Boolean(e.TRANSCRIBE_BASE_URL) !== Boolean(e.TRANSCRIBE_MODEL))
    throw new UserError('TRANSCRIBE_BASE_URL and TRANSCRIBE_MODEL go together: set both, or neither');
  // The window starts when a send starts: it must outlast the request, or the check would race it.
  if (e.ARI_SEND_CONFIRM_WINDOW_MS <= e.ARI_SEND_TIMEOUT_MS)
    throw new UserError(
      'invalid environment variable ARI_SEND_CONFIRM_WINDOW_MS: must be longer than ARI_SEND_TIMEOUT_MS',
    );
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.ARI_PUBLIC_URL && trimSlash(e.ARI_PUBLIC_URL),
    dataDir: path.resolve(e.ARI_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    demo: e.ARI_DEMO === '1',
    logLevel: e.LOG_LEVEL,
    adminToken: e.ARI_ADMIN_TOKEN,
    providers: {
      grok: { apiKey: e.GROK_API_KEY ?? e.XAI_API_KEY, baseUrl: trimSlash(e.GROK_BASE_URL) },
      sealion: { apiKey: e.SEALION_API_KEY, baseUrl: trimSlash(e.SEALION_BASE_URL) },
      anthropic: { apiKey: e.ANTHROPIC_API_KEY, baseUrl: trimSlash(e.ANTHROPIC_BASE_URL) },
      ollama: { baseUrl: e.OLLAMA_BASE_URL && trimSlash(e.OLLAMA_BASE_URL) },
    },
    webhooks: {
      kapsoSecret: e.KAPSO_WEBHOOK_SECRET,
      metaAppSecret: e.META_APP_SECRET,
      metaVerifyToken: e.META_VERIFY_TOKEN,
    },
    kapsoApiKey: e.KAPSO_API_KEY,
    metaAccessToken: e.META_ACCESS_TOKEN,
    kapsoApiBaseUrl: trimSlash(e.KAPSO_API_BASE_URL),
    metaGraphBaseUrl: trimSlash(e.META_GRAPH_BASE_URL),
    debounceMs: e.ARI_DEBOUNCE_MS,
    encryptionKey: e.ARI_ENCRYPTION_KEY ? Buffer.from(e.ARI_ENCRYPTION_KEY, 'hex') : undefined,
    sendMaxAttempts: e.ARI_SEND_MAX_ATTEMPTS,
    sendTimeoutMs: e.ARI_SEND_TIMEOUT_MS,
    sendConfirmWindowMs: e.ARI_SEND_CONFIRM_WINDOW_MS,
    replyJobMarginMs: e.ARI_REPLY_JOB_MARGIN_MS,
    brainEvery: e.ARI_BRAIN_EVERY,
    notifyWebhookUrl: e.ARI_NOTIFY_WEBHOOK_URL,
    notifyWebhookSecret: e.ARI_NOTIFY_WEBHOOK_SECRET,
    pricesFile: e.ARI_PRICES_FILE && path.resolve(e.ARI_PRICES_FILE),
    transcriber:
      e.TRANSCRIBE_BASE_URL && e.TRANSCRIBE_MODEL
        ? { baseUrl: trimSlash(e.TRANSCRIBE_BASE_URL), apiKey: e.TRANSCRIBE_API_KEY, model: e.TRANSCRIBE_MODEL }
        : undefined,
    modelAllowlist: modelAllowlist(e.ARI_MODEL_ALLOWLIST),
    modelMaxTimeoutMs: e.ARI_MODEL_MAX_TIMEOUT_MS,
    contactAiTurnsPerMinute: e.ARI_CONTACT_AI_TURNS_PER_MINUTE,
    contactAiTurnsPerDay: e.ARI_CONTACT_AI_TURNS_PER_DAY,
    maxStreamsPerKey: e.ARI_MAX_STREAMS_PER_KEY,
    reconcileEveryMs: e.ARI_RECONCILE_EVERY_MS,
    reconcileMarginMs: e.ARI_RECONCILE_MARGIN_MS,
  };
}

function modelAllowlist(text: string | undefined): AllowedModel[] | undefined {
  try {
    return parseModelAllowlist(text);
  } catch (error) {
    throw new UserError(`invalid environment variable ARI_MODEL_ALLOWLIST: ${(error as Error).message}`);
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
