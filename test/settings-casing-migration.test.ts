/**
 * The camelCase migration: settings stored before it (timeout_ms, basic_info) come
 * out in the one shape the code and the API use, other keys and values untouched;
 * running it again changes nothing. Its weights then travel on into the playbook
 * (the later playbook-rubric migration), still camelCase-read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistantConfigProblems } from '../src/assistant-config/validate-assistant-config.js';
import { getWorkspacePlaybook } from '../src/playbooks/get-workspace-playbook.js';
import { getWorkspaceDetails } from '../src/workspaces/get-workspace-details.js';
import { createDatabaseBefore, type SteppedDatabase } from './support/migrate-in-steps.js';
import { ENGINES } from './support/test-database.js';

const OLD_CHAIN = [
  { provider: 'grok', model: 'grok-4-1-fast-non-reasoning', timeout_ms: 8000 },
  { provider: 'rules', model: 'ari-rules-v1', timeout_ms: 1000 },
];
const OLD_STAGES = [
  { name: 'greeting', goal: 'Welcome', sample_script: 'Halo kak!', exit_criteria: 'Name known.', order: 0 },
];

describe.each(ENGINES)('the camelCase settings migration on %s', (engine) => {
  let test: SteppedDatabase;
  let workspaceId: string;

  beforeAll(async () => {
    test = await createDatabaseBefore(engine, '_camelcase_settings.sql');
    const insertWorkspace = async (slug: string) =>
      (
        await test.database.query<{ id: string }>(`insert into workspaces (name, slug) values ($1, $2) returning id`, [
          slug,
          slug,
        ])
      )[0]!.id;
    // As a database written before the migration holds them.
    workspaceId = await insertWorkspace('old-shape');
    await test.database.query(
      `insert into ari_config (workspace_id, mouth_chain, brain_chain, flow_stages, scoring_weights)
         values ($1, $2::jsonb, $3::jsonb, $4::jsonb, $5::jsonb)`,
      [
        workspaceId,
        JSON.stringify(OLD_CHAIN),
        JSON.stringify([OLD_CHAIN[1]]),
        JSON.stringify(OLD_STAGES),
        JSON.stringify({ basic_info: 20, qualification: 40, documents: 30, engagement: 10 }),
      ],
    );
    await test.database.query(`insert into ari_config (workspace_id, scoring_weights) values ($1, $2::jsonb)`, [
      await insertWorkspace('defaults'),
      JSON.stringify({ basicInfo: 25, qualification: 35, documents: 30, engagement: 10 }),
    ]);
    await test.database.query(
      `insert into contacts (workspace_id, phone, metadata) values ($1, '+6281200000001', $2::jsonb)`,
      [
        workspaceId,
        JSON.stringify({
          facts: { destination: 'Australia' },
          lead: { points: { basic_info: 8, qualification: 5, documents: 0, engagement: 3 }, reasoning: 'calm' },
        }),
      ],
    );
    // Run twice (a second run changes nothing), then the migrations after it.
    await test.migrate({ from: '_camelcase_settings.sql', only: true });
    await test.migrate({ from: '_camelcase_settings.sql', only: true });
    await test.migrate();
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('renames the stored keys and keeps every value and the order of links', async () => {
    const config = (await getWorkspaceDetails(test.database.db, 'old-shape')).assistant!;
    expect(config.mouthChain).toEqual([
      { provider: 'grok', model: 'grok-4-1-fast-non-reasoning', timeoutMs: 8000 },
      { provider: 'rules', model: 'ari-rules-v1', timeoutMs: 1000 },
    ]);
    expect(config.brainChain).toEqual([{ provider: 'rules', model: 'ari-rules-v1', timeoutMs: 1000 }]);
    // The renamed weights are the ones the playbook's rubric now carries.
    const { playbook } = await getWorkspacePlaybook(test.database.db, workspaceId);
    expect(playbook.rubric.categories.map((c) => [c.id, c.weight])).toEqual([
      ['basic_info', 20],
      ['qualification', 40],
      ['documents', 30],
      ['engagement', 10],
    ]);
    // The migrated settings are ones the assistant runs on.
    expect(assistantConfigProblems(config)).toEqual([]);

    const [contact] = await test.database.query<{ metadata: Record<string, unknown> }>(
      `select metadata from contacts where workspace_id = $1`,
      [workspaceId],
    );
    expect(contact!.metadata).toEqual({
      facts: { destination: 'Australia' },
      lead: { points: { basicInfo: 8, qualification: 5, documents: 0, engagement: 3 }, reasoning: 'calm' },
    });
  });

  it('leaves settings already in the new shape (and null chains) as they are', async () => {
    const config = (await getWorkspaceDetails(test.database.db, 'defaults')).assistant!;
    expect(config).toMatchObject({ mouthChain: null, brainChain: null, playbookId: 'study-abroad', playbook: null });
    expect(assistantConfigProblems(config)).toEqual([]);
  });
});
