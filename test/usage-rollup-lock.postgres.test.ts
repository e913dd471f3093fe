/**
 * Every reply of a workspace meters its rules turn into the same rollup row. The rollup
 * follows a usage insert when its transaction commits (migration 0015), so a reply whose
 * transaction is still open holds no lock on that row, and the others of the workspace do
 * not queue behind it; the rollup still counts every committed row, once.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiUsage } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { ENGINES } from './support/test-database.js';
import { startTestService, type TestService } from './support/test-service.js';

describe.each(ENGINES.filter((engine) => engine === 'postgres'))('the usage rollup at commit on %s', (engine) => {
  let service: TestService;
  let workspaceId: string;

  beforeAll(async () => {
    service = await startTestService({}, engine);
    workspaceId = (await createWorkspace(service.ctx.database.db, { name: 'Rollup', slug: 'rollup' })).id;
  });
  afterAll(async () => service?.stopAll());

  const rulesCalls = async () => {
    const [row] = await service.ctx.database.query<{ calls: number }>(
      `select coalesce(sum(calls), 0)::int as calls from ai_usage_rollup
        where workspace_id = $1 and provider = 'rules' and ai_type = 'mouth'`,
      [workspaceId],
    );
    return row!.calls;
  };

  it("an open transaction's usage row keeps no other from the same rollup row, and both are counted", async () => {
    const usage = {
      workspaceId,
      provider: 'rules',
      model: 'rules-v1',
      aiType: 'mouth' as const,
      outcome: 'ok' as const,
    };
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let recorded!: () => void;
    const insertedInOpenTransaction = new Promise<void>((resolve) => {
      recorded = resolve;
    });
    const open = service.ctx.database.db.transaction(async (tx) => {
      await tx.insert(aiUsage).values(usage);
      recorded();
      await released;
    });
    await insertedInOpenTransaction;

    const other = new pg.Client({ connectionString: (service.ctx.target as { url: string }).url });
    await other.connect();
    try {
      // Before 0015 this insert waited for the open transaction's lock on the rollup row.
      await other.query(`set lock_timeout = '3s'`);
      await other.query(
        `insert into ai_usage (workspace_id, provider, model, ai_type, outcome) values ($1, 'rules', 'rules-v1', 'mouth', 'ok')`,
        [workspaceId],
      );
      expect(await rulesCalls()).toBe(1);
    } finally {
      release();
      await open;
      await other.end();
    }
    expect(await rulesCalls()).toBe(2);
  });
});
