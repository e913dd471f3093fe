/**
 * The `ari` command as a user runs it: help everywhere, one-line errors for
 * mistakes, JSON for data, and the doctor's exit codes. Most commands run in this process
 * (runAriInProcess: the same program and operations); a few run as the real binary, for what
 * only a process shows: its exit code, a one-line stderr, standard input, that it ends.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open-database.js';
import { openSecret, secretContext } from '../src/secrets/secret-box.js';
import { ariEnv, runAri } from './support/run-ari.js';
import { runAriInProcess } from './support/run-ari-in-process.js';
import { freshDataDir } from './support/test-database.js';

const COMMANDS = [
  [],
  ['serve'],
  ['migrate'],
  ['doctor'],
  ['workspace'],
  ['workspace', 'create'],
  ['workspace', 'list'],
  ['workspace', 'show'],
  ['workspace', 'update'],
  ['playbook'],
  ['playbook', 'list'],
  ['playbook', 'show'],
  ['playbook', 'export'],
  ['playbook', 'import'],
  ['playbook', 'use'],
  ['token', 'create'],
  ['token', 'list'],
  ['token', 'revoke'],
  ['simulate'],
  ['deadletter', 'list'],
  ['deadletter', 'replay'],
  ['booking'],
  ['booking', 'resources'],
  ['booking', 'hours'],
  ['booking', 'list'],
  ['booking', 'book'],
  ['booking', 'cancel'],
  ['booking', 'feed'],
  ['booking', 'resource'],
  ['booking', 'resource', 'add'],
  ['booking', 'resource', 'update'],
  ['booking', 'days-off'],
  ['booking', 'move'],
  ['booking', 'mark'],
];

describe('ari CLI', { timeout: 240_000 }, () => {
  it('the binary prints usage for --help and exits 0', async () => {
    const result = await runAri(['--help'], ariEnv({}));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: ari');
  });

  it.each(COMMANDS.map((c) => [c.join(' ') || '(no command)', c] as const))(
    'ari %s --help prints usage and exits 0',
    async (_name, command) => {
      const result = await runAriInProcess([...command, '--help'], ariEnv({}));
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: ari');
    },
  );

  it('creates, lists, shows and updates workspaces with --json', async () => {
    const env = ariEnv({ ARI_DATA_DIR: freshDataDir() });
    const created = await runAriInProcess(
      [
        'workspace',
        'create',
        '--name',
        'Jakarta Language Hub',
        '--slug',
        'jkt-lang',
        '--kapso-phone-id',
        '4444444444',
        '--json',
      ],
      env,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      slug: 'jkt-lang',
      kapsoPhoneId: '4444444444',
      timezone: 'Asia/Jakarta',
    });

    const list = await runAriInProcess(['workspace', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ slug: 'jkt-lang', assistantEnabled: true })]);

    const show = await runAriInProcess(['workspace', 'show', 'jkt-lang', '--json'], env);
    expect(JSON.parse(show.stdout)).toMatchObject({
      workspace: { slug: 'jkt-lang' },
      assistant: { enabled: true, botName: 'Ari' },
    });

    const update = await runAriInProcess(
      ['workspace', 'update', 'jkt-lang', '--timezone', 'Asia/Jayapura', '--json'],
      env,
    );
    expect(JSON.parse(update.stdout)).toMatchObject({ timezone: 'Asia/Jayapura' });

    const table = await runAriInProcess(['workspace', 'list'], env);
    expect(table.stdout).toMatch(/jkt-lang\s+Jakarta Language Hub\s+4444444444\s+Asia\/Jayapura\s+on/);
  });

  it('refuses mistakes with one line on stderr, exit code 1, and no change', async () => {
    const env = ariEnv({ ARI_DATA_DIR: freshDataDir() });
    await runAriInProcess(['workspace', 'create', '--name', 'First', '--slug', 'first'], env);
    const mistakes = [
      ['workspace', 'create', '--name', 'Again', '--slug', 'first'],
      ['workspace', 'create', '--name', 'No Slug'],
      ['workspace', 'create', '--name', 'Bad', '--slug', 'Bad Slug'],
      ['workspace', 'create', '--name', 'Bad', '--slug', 'bad-tz', '--timezone', 'Nowhere/City'],
      ['workspace', 'show', 'missing'],
      ['workspace', 'update', 'first'],
      ['doctor', '--workspace', 'missing'],
      ['no-such-command'],
    ];
    for (const args of mistakes) {
      const result = await runAriInProcess(args, env);
      expect(result.code, args.join(' ')).toBe(1);
      const lines = result.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('(run with --help'));
      expect(lines, `${args.join(' ')}: ${result.stderr}`).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    // The binary: exit code 1 and the one line, from a refused operation and from commander.
    const duplicate = await runAri(mistakes[0]!, env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr.trim()).toBe('ari: a workspace with slug "first" already exists');
    const unknown = await runAri(['no-such-command'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim().split('\n')[0]).toBe("error: unknown command 'no-such-command'");
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const list = await runAriInProcess(['workspace', 'list', '--json'], env);
    expect(JSON.parse(list.stdout).map((w: { slug: string }) => w.slug)).toEqual(['first']);
  });

  it('creates keys with a role (agent by default), lists them without the secret, and revokes one', async () => {
    const env = ariEnv({ ARI_DATA_DIR: freshDataDir() });
    await runAriInProcess(['workspace', 'create', '--name', 'Key Lab', '--slug', 'key-lab'], env);
    const agent = JSON.parse(
      (await runAriInProcess(['token', 'create', '--workspace', 'key-lab', '--json'], env)).stdout,
    );
    const owner = JSON.parse(
      (
        await runAriInProcess(
          ['token', 'create', '--workspace', 'key-lab', '--role', 'owner', '--name', 'boss', '--json'],
          env,
        )
      ).stdout,
    );
    expect([agent.role, owner.role]).toEqual(['agent', 'owner']);
    const bad = await runAriInProcess(['token', 'create', '--workspace', 'key-lab', '--role', 'root'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('ari: role: must be one of agent, manager, owner');

    const revoked = await runAriInProcess(['token', 'revoke', owner.id], env);
    expect(revoked.code).toBe(0);
    const list = await runAriInProcess(['token', 'list', '--workspace', 'key-lab', '--json'], env);
    expect(list.stdout).not.toContain(owner.key);
    expect(list.stdout).not.toContain(agent.key);
    const keys = JSON.parse(list.stdout);
    expect(
      keys
        .map((k: { id: string; role: string; revokedAt: string | null }) => [k.id, k.role, Boolean(k.revokedAt)])
        .sort(),
    ).toEqual(
      [
        [agent.id, 'agent', false],
        [owner.id, 'owner', true],
      ].sort(),
    );
    expect(keys[0]).toEqual({
      id: expect.any(String),
      workspace: 'key-lab',
      name: expect.any(String),
      role: expect.any(String),
      prefix: expect.stringMatching(/^ari_/),
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: keys[0].role === 'owner' ? expect.any(String) : null,
    });
    const table = await runAriInProcess(['token', 'list'], env);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^ID\s+WORKSPACE\s+NAME\s+ROLE\s+PREFIX\s+CREATED\s+LAST USED\s+REVOKED$/,
    );
    const missing = await runAriInProcess(['token', 'revoke', '00000000-0000-4000-8000-000000000000'], env);
    expect(missing.stderr.trim()).toBe('ari: no API key with id 00000000-0000-4000-8000-000000000000');
  });

  it('takes --kapso-api-key from stdin (`-`) or `env:NAME`, never from the command line itself', async () => {
    const dataDir = freshDataDir();
    const encryptionKey = 'b2'.repeat(32);
    const env = ariEnv({ ARI_DATA_DIR: dataDir, ARI_ENCRYPTION_KEY: encryptionKey, WS_KEY: 'kapso-key-from-env' });
    await runAriInProcess(['workspace', 'create', '--name', 'Key Lab', '--slug', 'key-lab'], env);
    const storedKey = async () => {
      const database = await openDatabase({ engine: 'pglite', dataDir: `${dataDir}/pglite` });
      try {
        const rows = await database.query<{ id: string; sealed: string | null }>(
          `select id, kapso_api_key_ciphertext as sealed from workspaces where slug = 'key-lab'`,
        );
        const { id, sealed } = rows[0]!;
        return sealed && openSecret(sealed, Buffer.from(encryptionKey, 'hex'), secretContext('kapso_api_key', id));
      } finally {
        await database.close();
      }
    };

    const literal = await runAriInProcess(
      ['workspace', 'update', 'key-lab', '--kapso-api-key', 'kapso-secret-literal'],
      env,
    );
    expect(literal.code).toBe(1);
    expect(literal.stderr).toMatch(/--kapso-api-key does not take the key itself .*ps/);
    expect(literal.stderr).not.toContain('kapso-secret-literal');
    expect(await storedKey()).toBeNull();

    const piped = await runAri(
      ['workspace', 'update', 'key-lab', '--kapso-api-key', '-'],
      env,
      'kapso-key-from-stdin\n',
    );
    expect(piped.stderr).toBe('');
    expect(await storedKey()).toBe('kapso-key-from-stdin');

    const fromEnv = await runAriInProcess(['workspace', 'update', 'key-lab', '--kapso-api-key', 'env:WS_KEY'], env);
    expect(fromEnv.stderr).toBe('');
    expect(await storedKey()).toBe('kapso-key-from-env');

    const unset = await runAriInProcess(['workspace', 'update', 'key-lab', '--kapso-api-key', 'env:NOT_SET'], env);
    expect(unset.code).toBe(1);
    expect(unset.stderr.trim()).toBe(
      'ari: --kapso-api-key env:NOT_SET: the environment variable NOT_SET is not set or empty',
    );
    expect(await storedKey()).toBe('kapso-key-from-env');
    // Six CLI runs and four database opens: slow on a loaded machine.
  }, 180_000);

  it('creates a workspace API key (shown once) and simulates a conversation without a server', async () => {
    const env = ariEnv({ ARI_DATA_DIR: freshDataDir(), ARI_DEBOUNCE_MS: '100' });
    await runAriInProcess(['workspace', 'create', '--name', 'Sim Lab', '--slug', 'sim-lab'], env);
    const token = await runAriInProcess(['token', 'create', '--workspace', 'sim-lab', '--json'], env);
    expect(JSON.parse(token.stdout)).toMatchObject({
      workspace: 'sim-lab',
      key: expect.stringMatching(/^ari_[A-Za-z0-9_-]{43}$/),
    });

    // The binary: workers started for the reply, and the process still ends.
    const reply = await runAri(['simulate', '--workspace', 'sim-lab', '--from', '081234567890', 'halo', 'kak'], env);
    expect(reply.stderr).toBe('');
    expect(reply.stdout.trim()).toMatch(
      /^Selamat (pagi|siang|sore|malam) kak, terima kasih sudah menghubungi Sim Lab\. Ada yang bisa kami bantu\?$/,
    );
    const json = await runAriInProcess(
      ['simulate', '--workspace', 'sim-lab', '--from', '081234567890', '--json', 'lagi'],
      env,
    );
    const { conversation } = JSON.parse(json.stdout);
    expect(conversation.contact.phone).toBe('+6281234567890');
    expect(conversation.messages.map((m: { role: string }) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
  });

  it('simulates a whole scripted conversation and reports where the lead ended', async () => {
    const dataDir = freshDataDir();
    const env = ariEnv({ ARI_DATA_DIR: dataDir, ARI_DEBOUNCE_MS: '50' });
    await runAriInProcess(['workspace', 'create', '--name', 'Script Lab', '--slug', 'script-lab'], env);
    const script = path.join(dataDir, 'convo.txt');
    fs.writeFileSync(script, fs.readFileSync(new URL('../examples/eager-applicant.txt', import.meta.url)));
    const result = await runAriInProcess(
      ['simulate', '--workspace', 'script-lab', '--from', '081299887766', '--script', script, '--json'],
      env,
    );
    expect(result.stderr).toBe('');
    const { turns, final } = JSON.parse(result.stdout);
    expect(turns[0].customer).toBe('Halo kak, saya mau tanya kuliah di luar negeri');
    expect(turns[1].reply).toMatch(/Kakak berencana kuliah ke negara mana\?$/);
    expect(final).toMatchObject({
      leadTemperature: 'hot',
      state: 'handoff',
      mode: 'human',
      nextAction: 'offer_consultation',
      costUsd: '0.000000000000',
    });
    expect(final.facts).toMatchObject({ name: 'Budi Santoso', destination: 'Australia', educationLevel: 'master' });

    const missing = await runAriInProcess(
      ['simulate', '--workspace', 'script-lab', '--from', '0812', '--script', '/nonexistent/convo.txt'],
      env,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('ari: cannot read the script /nonexistent/convo.txt');
  });

  it('refuses a bad environment variable with a one-line reason', async () => {
    const result = await runAri(['workspace', 'list'], ariEnv({ ARI_DATA_DIR: freshDataDir(), PORT: 'eighty' }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^ari: invalid environment variable PORT/);
  });

  it('doctor --json fails on a workspace without ari_config, --fix repairs it, then it passes', async () => {
    const dataDir = freshDataDir();
    const database = await openDatabase({ engine: 'pglite', dataDir: `${dataDir}/pglite` });
    await database.query(`insert into workspaces (name, slug) values ('No Config', 'no-config')`);
    await database.close();
    const env = ariEnv({ ARI_DATA_DIR: dataDir });

    const failing = await runAri(['doctor', '--json'], env);
    expect(failing.code).toBe(1);
    const report = JSON.parse(failing.stdout);
    expect(report.ok).toBe(false);
    expect(report.checks).toEqual(
      expect.arrayContaining([
        {
          name: 'assistant.config',
          status: 'fail',
          detail: expect.any(String),
          workspace: 'no-config',
          hint: expect.any(String),
        },
        {
          name: 'ai.grok_key',
          status: 'warn',
          detail: expect.stringContaining('GROK_API_KEY'),
          hint: expect.any(String),
        },
      ]),
    );
    for (const c of report.checks) expect(['pass', 'warn', 'fail']).toContain(c.status);

    const fixing = await runAriInProcess(['doctor', '--fix'], env);
    expect(fixing.stdout).toContain('fixed created ari_config with defaults for workspace "no-config"');
    expect(fixing.code).toBe(0);

    const passing = await runAriInProcess(['doctor', '--json'], env);
    expect(passing.code).toBe(0);
    expect(JSON.parse(passing.stdout).ok).toBe(true);

    const withKey = await runAriInProcess(['doctor', '--json'], { ...env, GROK_API_KEY: 'xai-key' });
    expect(JSON.parse(withKey.stdout).checks).toContainEqual(
      expect.objectContaining({ name: 'ai.grok_key', status: 'pass' }),
    );
  });
});
