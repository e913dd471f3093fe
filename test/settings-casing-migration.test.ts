/**
 * The camelCase migration: settings stored before it (timeout_ms, sample_script,
 * exit_criteria, basic_info) come out in the one shape the code and the API use,
 * other keys and values untouched; running it again changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistantConfigProblems } from '../src/assistant-config/validate-assistant-config.js';
import { MIGRATIONS_FOLDER } from '../src/db/migrations.js';
import { getWorkspaceDetails } from '../src/workspaces/get-workspace-details.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/test-database.js';

/** Found by name, not number: migrations are renumbered when branches merge. */
function migrationStatements(): string[] {
  const file = fs.readdirSync(MIGRATIONS_FOLDER).find((name) => name.endsWith('_camelcase_settings.sql'));
  if (!file) throw new Error('no *_camelcase_settings.sql migration');
  return fs
    .readFileSync(path.join(MIGRATIONS_FOLDER, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);
}

const OLD_CHAIN = [
  { provider: 'grok', model: 'grok-4-1-fast-non-reasoning', timeout_ms: 8000 },
  { provider: 'rules', model: 'ari-rules-v1', timeout_ms: 1000 },
];
const OLD_STAGES = [
  {
    name: 'greeting',
    goal: 'Welcome',
    sample_script: 'Halo kak!',
    exit_criteria: 'Name known.',
    order: 0,
    active: true,
  },
  { name: 'qualifying', goal: 'Facts', order: 1, active: false },
];

describe.each(ENGINES)('the camelCase settings migration on %s', (engine) => {
  let test: TestDatabase;
  let workspaceId: string;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    const { db } = test.database;
    workspaceId = (await createWorkspace(db, { name: 'Old Shape', slug: 'old-shape' })).id;
    await createWorkspace(db, { name: 'Defaults', slug: 'defaults' });
    // As a database written before the migration holds them.
    await test.database.query(
      `update ari_config set mouth_chain = $1::jsonb, brain_chain = $2::jsonb, flow_stages = $3::jsonb,
         scoring_weights = $4::jsonb where workspace_id = $5`,
      [
        JSON.stringify(OLD_CHAIN),
        JSON.stringify([OLD_CHAIN[1]]),
        JSON.stringify(OLD_STAGES),
        JSON.stringify({ basic_info: 25, qualification: 35, documents: 30, engagement: 10 }),
        workspaceId,
      ],
    );
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
    for (const statement of migrationStatements()) await test.database.query(statement);
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('renames the stored keys and keeps every value and the order of links and stages', async () => {
    const config = (await getWorkspaceDetails(test.database.db, 'old-shape')).assistant!;
    expect(config.mouthChain).toEqual([
      { provider: 'grok', model: 'grok-4-1-fast-non-reasoning', timeoutMs: 8000 },
      { provider: 'rules', model: 'ari-rules-v1', timeoutMs: 1000 },
    ]);
    expect(config.brainChain).toEqual([{ provider: 'rules', model: 'ari-rules-v1', timeoutMs: 1000 }]);
    expect(config.flowStages).toEqual([
      {
        name: 'greeting',
        goal: 'Welcome',
        sampleScript: 'Halo kak!',
        exitCriteria: 'Name known.',
        order: 0,
        active: true,
      },
      { name: 'qualifying', goal: 'Facts', order: 1, active: false },
    ]);
    expect(config.scoringWeights).toEqual({ basicInfo: 25, qualification: 35, documents: 30, engagement: 10 });
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

  it('leaves settings already in the new shape (and null chains) as they are, also when run again', async () => {
    const before = await getWorkspaceDetails(test.database.db, 'defaults');
    expect(before.assistant!.mouthChain).toBeNull();
    for (const statement of migrationStatements()) await test.database.query(statement);
    const after = await getWorkspaceDetails(test.database.db, 'defaults');
    expect(after.assistant).toEqual(before.assistant!);
    expect((await getWorkspaceDetails(test.database.db, 'old-shape')).assistant!.scoringWeights).toEqual({
      basicInfo: 25,
      qualification: 35,
      documents: 30,
      engagement: 10,
    });
  });
});
