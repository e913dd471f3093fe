/** /readyz tells strangers "ready" or "not ready" and nothing else (no database error text). */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './support/test-service.js';
import { ENGINES } from './support/test-database.js';

describe.each(ENGINES)('readiness on %s', (engine) => {
  let service: TestService | null = null;
  afterEach(async () => {
    await service?.stopAll().catch(() => {});
    service = null;
  });

  it('says ready, then only "not ready" when the database is gone', async () => {
    service = await startTestService({}, engine);
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });

    if (engine === 'postgres') {
      const url = new URL(service.ctx.config.databaseUrl!);
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`drop database ${url.pathname.slice(1)} with (force)`);
      await admin.end();
    } else {
      await service.ctx.database.close();
    }

    const down = await fetch(`${service.url}/readyz`);
    expect(down.status).toBe(503);
    const text = await down.text();
    expect(JSON.parse(text)).toEqual({ status: 'not ready' });
    expect(text).not.toMatch(/ari_test|postgres|pglite|127\.0\.0\.1|\/tmp/i);
  });
});
