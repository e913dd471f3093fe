/**
 * `ari playbook` as an operator uses it: list the built-ins, create a workspace on
 * one, show and export its playbook (JSON or YAML), edit the file, import it back,
 * switch to a built-in again; a bad file is refused with one line per problem,
 * exit code 1, and nothing changed. Most commands run in this process (runAriInProcess: the
 * same program and operations); a few run as the real binary, for its exit code and stderr.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ariEnv, runAri, startAri } from './support/run-ari.js';
import { runAriInProcess } from './support/run-ari-in-process.js';
import { freshDataDir } from './support/test-database.js';

/** The lines of a refusal, without commander's help hint; never a stack trace. */
const errorLines = (stderr: string) => {
  expect(stderr).not.toMatch(/\n\s+at /);
  return stderr
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('(run with --help'));
};

describe('ari playbook', { timeout: 240_000 }, () => {
  it('lists the built-ins and creates a workspace on one (an unknown one is refused)', async () => {
    const env = ariEnv({ ARI_DATA_DIR: freshDataDir() });
    const list = await runAri(['playbook', 'list', '--json'], env);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).map((p: { id: string }) => p.id)).toContain('study-abroad');
    expect((await runAriInProcess(['playbook', 'list'], env)).stdout).toMatch(
      /^ID\s+NAME\s+DESCRIPTION\nstudy-abroad\s+/,
    );

    const unknown = await runAriInProcess(
      ['workspace', 'create', '--name', 'Nope', '--slug', 'nope', '--playbook', 'nope'],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(errorLines(unknown.stderr)).toEqual([
      'ari: no built-in playbook "nope"; the built-ins are: study-abroad, property, clinic, course',
    ]);
    const created = await runAriInProcess(
      ['workspace', 'create', '--name', 'Sekolah', '--slug', 'sekolah', '--playbook', 'study-abroad'],
      env,
    );
    expect(created.code).toBe(0);
    const shown = await runAriInProcess(['playbook', 'show', '--workspace', 'sekolah'], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^id\s+study-abroad$/m);
    expect(shown.stdout).toMatch(/^custom\s+no \(built-in study-abroad\)$/m);
    expect(shown.stdout).toMatch(/^rubric\s+basic_info 25, qualification 35, documents 30, engagement 10$/m);
    expect(shown.stdout).toMatch(/^thresholds\s+hot >= 70, warm >= 40$/m);
    expect(shown.stdout).toMatch(/^routing\s+hot → offer_booking, /m);
    const slugs = JSON.parse((await runAriInProcess(['workspace', 'list', '--json'], env)).stdout).map(
      (w: { slug: string }) => w.slug,
    );
    expect(slugs).toEqual(['sekolah']);
  });

  it('exports YAML, imports the edited file back, refuses a bad one line by line, and switches back', async () => {
    const dataDir = freshDataDir();
    const env = ariEnv({ ARI_DATA_DIR: dataDir });
    await runAriInProcess(['workspace', 'create', '--name', 'Kursus', '--slug', 'kursus'], env);
    const yamlFile = path.join(dataDir, 'playbook.yaml');
    const exported = await runAriInProcess(
      ['playbook', 'export', '--workspace', 'kursus', '--format', 'yaml', '--file', yamlFile],
      env,
    );
    expect(exported.code).toBe(0);
    const document = YAML.parse(fs.readFileSync(yamlFile, 'utf8'));
    // The default export is the same document as JSON on stdout.
    expect(JSON.parse((await runAriInProcess(['playbook', 'export', '--workspace', 'kursus'], env)).stdout)).toEqual(
      document,
    );

    document.id = 'kursus-own';
    document.rubric.hot = 65;
    document.rubric.warm = 35;
    fs.writeFileSync(yamlFile, YAML.stringify(document));
    const imported = await runAriInProcess(['playbook', 'import', '--workspace', 'kursus', '--file', yamlFile], env);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe('kursus now follows its own playbook "kursus-own"\n');
    const afterImport = JSON.parse(
      (await runAriInProcess(['playbook', 'show', '--workspace', 'kursus', '--json'], env)).stdout,
    );
    expect(afterImport).toEqual({ playbookId: null, custom: true, playbook: document });

    // Three mistakes in one file: one line each, with its path.
    const bad = structuredClone(document);
    bad.rubric.categories[0].weight -= 10;
    bad.routing.hot = 'teleport';
    bad.slots[0].patterns = ['(a+)+$'];
    const badFile = path.join(dataDir, 'bad.yml');
    fs.writeFileSync(badFile, YAML.stringify(bad));
    const refused = await runAri(['playbook', 'import', '--workspace', 'kursus', '--file', badFile], env);
    expect(refused.code).toBe(1);
    const lines = errorLines(refused.stderr);
    expect(lines).toHaveLength(3);
    expect(lines).toContain('ari: rubric.categories: the weights sum to 90, not 100');
    expect(lines.some((l) => l.startsWith('ari: routing.hot: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('ari: slots.0.patterns.0: nested quantifiers'))).toBe(true);

    // Files that are not a playbook at all: one clear line.
    const broken = path.join(dataDir, 'broken.json');
    fs.writeFileSync(broken, '{ "id": ');
    for (const [file, message] of [
      [broken, /^ari: .*broken\.json is not valid JSON: /],
      [path.join(dataDir, 'missing.yaml'), /^ari: cannot read .*missing\.yaml: ENOENT$/],
      [path.join(dataDir, 'playbook.txt'), /^ari: .*playbook\.txt: a playbook file ends in \.json, \.yaml or \.yml$/],
    ] as const) {
      const result = await runAriInProcess(['playbook', 'import', '--workspace', 'kursus', '--file', file], env);
      expect(result.code, file).toBe(1);
      const only = errorLines(result.stderr);
      expect(only, file).toHaveLength(1);
      expect(only[0]).toMatch(message);
    }
    const unchanged = JSON.parse(
      (await runAriInProcess(['playbook', 'show', '--workspace', 'kursus', '--json'], env)).stdout,
    );
    expect(unchanged).toEqual(afterImport);

    const unknown = await runAriInProcess(['playbook', 'use', 'nope', '--workspace', 'kursus'], env);
    expect(unknown.code).toBe(1);
    const used = await runAriInProcess(['playbook', 'use', 'study-abroad', '--workspace', 'kursus'], env);
    expect(used.stdout).toBe('kursus now follows the built-in playbook "study-abroad"\n');
    const back = JSON.parse(
      (await runAriInProcess(['playbook', 'show', '--workspace', 'kursus', '--json'], env)).stdout,
    );
    expect(back).toMatchObject({ playbookId: 'study-abroad', custom: false, playbook: { id: 'study-abroad' } });
    expect(back.playbook.rubric.hot).toBe(70);
  });

  it('does the same through a running server (its control socket), every problem included', async () => {
    const dataDir = freshDataDir();
    const env = ariEnv({ ARI_DATA_DIR: dataDir, ARI_DEMO: '0' });
    await runAriInProcess(['workspace', 'create', '--name', 'Served', '--slug', 'served'], env);
    const server = await startAri(env);
    try {
      const file = path.join(dataDir, 'served.json');
      expect((await runAriInProcess(['playbook', 'export', '--workspace', 'served', '--file', file], env)).code).toBe(
        0,
      );
      const bad = JSON.parse(fs.readFileSync(file, 'utf8'));
      bad.rubric.categories[0].weight -= 10;
      bad.routing.hot = 'teleport';
      fs.writeFileSync(file, JSON.stringify(bad));
      const refused = await runAri(['playbook', 'import', '--workspace', 'served', '--file', file], env);
      expect(refused.code).toBe(1);
      expect(errorLines(refused.stderr)).toEqual([
        'ari: rubric.categories: the weights sum to 90, not 100',
        expect.stringMatching(/^ari: routing\.hot: /),
      ]);
      const used = await runAriInProcess(['playbook', 'use', 'study-abroad', '--workspace', 'served', '--json'], env);
      expect(JSON.parse(used.stdout)).toMatchObject({ playbookId: 'study-abroad', custom: false });
    } finally {
      await server.stop();
    }
  });
});
