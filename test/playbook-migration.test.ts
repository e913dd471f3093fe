/**
 * The migration that moves the lead rubric into the playbook: a workspace whose
 * weights or thresholds were not the defaults keeps them (the study-abroad playbook
 * with its weights and thresholds), one on the defaults simply follows the
 * built-in, and a workspace that already had its own playbook keeps it untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistantConfigProblems } from '../src/assistant-config/validate-assistant-config.js';
import { builtInPlaybook } from '../src/playbooks/built-in-playbooks.js';
import { getWorkspacePlaybook } from '../src/playbooks/get-workspace-playbook.js';
import { getWorkspaceDetails } from '../src/workspaces/get-workspace-details.js';
import { createDatabaseBefore, type SteppedDatabase } from './support/migrate-in-steps.js';
import { ENGINES } from './support/test-database.js';

const DEFAULT_WEIGHTS = { basicInfo: 25, qualification: 35, documents: 30, engagement: 10 };

describe.each(ENGINES)('the playbook rubric migration on %s', (engine) => {
  let test: SteppedDatabase;
  const ids: Record<string, string> = {};
  const studyAbroad = builtInPlaybook('study-abroad')!;
  const ownPlaybook = { ...structuredClone(studyAbroad), id: 'my-school' };

  beforeAll(async () => {
    test = await createDatabaseBefore(engine, '_playbook_rubric.sql');
    const rows: Array<[string, object, number, number, object | null]> = [
      ['weights', { basicInfo: 40, qualification: 30, documents: 20, engagement: 10 }, 70, 40, null],
      ['thresholds', DEFAULT_WEIGHTS, 80, 50, null],
      ['defaults', DEFAULT_WEIGHTS, 70, 40, null],
      ['own', { basicInfo: 10, qualification: 50, documents: 30, engagement: 10 }, 90, 10, ownPlaybook],
    ];
    for (const [slug, weights, hot, warm, playbook] of rows) {
      const [row] = await test.database.query<{ id: string }>(
        `insert into workspaces (name, slug) values ($1, $1) returning id`,
        [slug],
      );
      ids[slug] = row!.id;
      await test.database.query(
        `insert into ari_config (workspace_id, scoring_weights, hot_threshold, warm_threshold, playbook)
           values ($1, $2::jsonb, $3, $4, $5::jsonb)`,
        [row!.id, JSON.stringify(weights), hot, warm, playbook === null ? null : JSON.stringify(playbook)],
      );
    }
    await test.migrate();
  });
  afterAll(async () => {
    await test?.dispose();
  });

  const rubricOf = async (slug: string) => {
    const result = await getWorkspacePlaybook(test.database.db, ids[slug]!);
    const { rubric, ...rest } = result.playbook;
    return {
      custom: result.custom,
      playbookId: result.playbookId,
      weights: rubric.categories.map((c) => [c.id, c.weight]),
      thresholds: [rubric.hot, rubric.warm],
      rest,
    };
  };
  const { rubric: _rubric, ...studyAbroadRest } = studyAbroad;

  it('keeps weights that were not the defaults, as the study-abroad playbook with those weights', async () => {
    expect(await rubricOf('weights')).toEqual({
      custom: true,
      playbookId: null,
      weights: [
        ['basic_info', 40],
        ['qualification', 30],
        ['documents', 20],
        ['engagement', 10],
      ],
      thresholds: [70, 40],
      rest: studyAbroadRest,
    });
  });

  it('keeps thresholds that were not the defaults', async () => {
    const kept = await rubricOf('thresholds');
    expect(kept).toMatchObject({ custom: true, thresholds: [80, 50], rest: studyAbroadRest });
    expect(kept.weights.map(([, w]) => w)).toEqual([25, 35, 30, 10]);
  });

  it('leaves a workspace on the defaults following the built-in', async () => {
    expect(await getWorkspacePlaybook(test.database.db, ids.defaults!)).toEqual({
      playbookId: 'study-abroad',
      custom: false,
      playbook: studyAbroad,
    });
  });

  it('leaves a playbook of its own untouched, and every migrated config is one the assistant runs on', async () => {
    expect((await getWorkspacePlaybook(test.database.db, ids.own!)).playbook).toEqual(ownPlaybook);
    for (const slug of Object.keys(ids)) {
      const config = (await getWorkspaceDetails(test.database.db, slug)).assistant!;
      expect(assistantConfigProblems(config), slug).toEqual([]);
    }
  });
});
