/** A real ARI service in this process (HTTP on a free port, workers, PGlite copy or PostgreSQL). */
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/create-logger.js';
import { startService, type RunningService } from '../../src/service/start-service.js';
import { createPostgresDatabase, freshDataDir } from './test-database.js';
import type { Engine } from '../../src/db/open-database.js';
import type { DestinationStream } from 'pino';

export interface TestService extends RunningService {
  stopAll(): Promise<void>;
}

export async function startTestService(
  env: Record<string, string | undefined>,
  engine: Engine = 'pglite',
  /** Where log lines go (with LOG_LEVEL in env), to assert on what is logged. */
  logs?: DestinationStream,
): Promise<TestService> {
  const pg = engine === 'postgres' ? await createPostgresDatabase() : null;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ARI_DEMO: '0',
    LOG_LEVEL: 'silent',
    ARI_DEBOUNCE_MS: '150',
    // Reconciliation with Kapso's history is started by the tests that are about it.
    ARI_RECONCILE_EVERY_MS: '0',
    ...(pg ? { DATABASE_URL: pg.url } : { ARI_DATA_DIR: freshDataDir() }),
    ...env,
  });
  const service = await startService(config, createLogger(config, logs));
  return {
    ...service,
    async stopAll() {
      await service.close();
      await pg?.drop();
    },
  };
}

/** Polls until `check` returns a truthy value (or fails after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
