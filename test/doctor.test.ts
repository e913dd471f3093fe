import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/test-database.js';
import { loadConfig } from '../src/config/config.js';
import { ariConfig } from '../src/db/schema.js';
import { builtInPlaybook } from '../src/playbooks/built-in-playbooks.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { BUILT_IN_PRICES } from '../src/prices/price-table.js';
import { runDoctor, type DoctorContext } from '../src/doctor/run-doctor.js';

describe.each(ENGINES)('ari doctor on %s', (engine) => {
  let t: TestDatabase;
  let ctx: DoctorContext;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    ctx = {
      config: loadConfig({}),
      database: t.database,
      prices: BUILT_IN_PRICES,
    };
  });
  afterAll(async () => t?.dispose());

  const statusOf = (report: Awaited<ReturnType<typeof runDoctor>>, name: string, workspace?: string) =>
    report.checks.find((c) => c.name === name && c.workspace === workspace)?.status;

  it('passes on a healthy workspace and warns that GROK_API_KEY is unset', async () => {
    await createWorkspace(t.database.db, { name: 'Healthy', slug: 'healthy', kapsoPhoneId: '3333333333' });
    const report = await runDoctor(ctx, { workspace: 'healthy' });
    expect(statusOf(report, 'database.reachable')).toBe('pass');
    expect(statusOf(report, 'database.migrations')).toBe('pass');
    expect(statusOf(report, 'workspace.slug', 'healthy')).toBe('pass');
    expect(statusOf(report, 'workspace.phone_id', 'healthy')).toBe('pass');
    expect(statusOf(report, 'assistant.config', 'healthy')).toBe('pass');
    expect(statusOf(report, 'ai.grok_key')).toBe('warn');
    // A workspace takes WhatsApp traffic but no webhook secret is set: every delivery would be refused.
    expect(statusOf(report, 'webhook.kapso_secret')).toBe('fail');
    expect(report.ok).toBe(false);

    const configured = loadConfig({ GROK_API_KEY: 'xai-test', KAPSO_WEBHOOK_SECRET: 's3cret' });
    const fine = await runDoctor({ ...ctx, config: configured }, { workspace: 'healthy' });
    expect(statusOf(fine, 'ai.grok_key')).toBe('pass');
    expect(statusOf(fine, 'webhook.kapso_secret')).toBe('pass');
    expect(fine.ok).toBe(true);
  });

  it('fails on a workspace without ari_config, and --fix repairs it', async () => {
    const ws = await createWorkspace(t.database.db, { name: 'Broken', slug: 'broken' });
    await t.database.db.delete(ariConfig).where(eq(ariConfig.workspaceId, ws.id));

    const broken = await runDoctor(ctx, { workspace: 'broken' });
    expect(broken.ok).toBe(false);
    expect(broken.checks.find((c) => c.name === 'assistant.config')).toMatchObject({
      status: 'fail',
      workspace: 'broken',
      hint: expect.stringContaining('--fix'),
    });

    // The deployment is otherwise healthy (the secrets a phone-id workspace needs are set).
    const healthy = { ...ctx, config: loadConfig({ GROK_API_KEY: 'xai-test', KAPSO_WEBHOOK_SECRET: 's3cret' }) };
    const fixed = await runDoctor(healthy, { workspace: 'broken', fix: true });
    expect(fixed.fixed).toEqual(['created ari_config with defaults for workspace "broken"']);
    expect(statusOf(fixed, 'assistant.config', 'broken')).toBe('pass');
    expect(fixed.ok).toBe(true);

    const again = await runDoctor(healthy, { workspace: 'broken', fix: true });
    expect(again.fixed).toEqual([]);
  });

  it('warns about a disabled assistant and a workspace with no phone id', async () => {
    const ws = await createWorkspace(t.database.db, { name: 'Quiet', slug: 'quiet' });
    await t.database.db.update(ariConfig).set({ enabled: false }).where(eq(ariConfig.workspaceId, ws.id));
    const report = await runDoctor(ctx, { workspace: 'quiet' });
    expect(statusOf(report, 'assistant.enabled', 'quiet')).toBe('warn');
    expect(statusOf(report, 'workspace.phone_id', 'quiet')).toBe('warn');
  });

  it('fails a chain that names a provider without a key, and passes once the key is set', async () => {
    const ws = await createWorkspace(t.database.db, { name: 'Chained', slug: 'chained' });
    await t.database.db
      .update(ariConfig)
      .set({ mouthChain: [{ provider: 'sealion', model: 'aisingapore/Gemma-SEA-LION-v4-27B-IT', timeoutMs: 8000 }] })
      .where(eq(ariConfig.workspaceId, ws.id));
    const broken = await runDoctor(ctx, { workspace: 'chained' });
    expect(broken.checks.find((c) => c.name === 'assistant.mouth_chain')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('sealion/'),
    });
    expect(statusOf(broken, 'assistant.brain_chain', 'chained')).toBe('pass'); // the default: rules only, without keys
    const keyed = await runDoctor({ ...ctx, config: loadConfig({ SEALION_API_KEY: 'k' }) }, { workspace: 'chained' });
    expect(keyed.checks.find((c) => c.name === 'assistant.mouth_chain')).toMatchObject({
      status: 'pass',
      detail: 'sealion/aisingapore/Gemma-SEA-LION-v4-27B-IT → rules/ari-rules-v1',
    });
  });

  it('fails a stored config the assistant cannot run on (playbook weights not summing to 100)', async () => {
    const ws = await createWorkspace(t.database.db, { name: 'Weighted', slug: 'weighted' });
    // Written behind the API's back (the API refuses it): the rubric's first category doubled.
    const playbook = structuredClone(builtInPlaybook('study-abroad')!);
    playbook.rubric.categories[0]!.weight = 50;
    await t.database.db.update(ariConfig).set({ playbook }).where(eq(ariConfig.workspaceId, ws.id));
    const report = await runDoctor(ctx, { workspace: 'weighted' });
    expect(report.checks.find((c) => c.name === 'assistant.config')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('playbook.rubric.categories: the weights sum to 125, not 100'),
    });
  });

  it('names an unknown workspace clearly', async () => {
    await expect(runDoctor(ctx, { workspace: 'ghost' })).rejects.toThrow('no workspace with slug "ghost"');
  });
});
