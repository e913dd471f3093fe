/**
 * The playbook API: the built-ins, a workspace's playbook read and replaced (by a
 * built-in or a document of its own), a bad document refused with every problem and
 * its path and nothing stored, roles, and the console told to reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createApiKey } from '../src/api-keys/create-api-key.js';
import { ariConfig } from '../src/db/schema.js';
import { builtInPlaybook } from '../src/playbooks/built-in-playbooks.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { ENGINES } from './support/test-database.js';
import { eventually, sleep, startTestService, type TestService } from './support/test-service.js';

const ADMIN = 'playbook-api-admin-token-0123456789';

describe.each(ENGINES)('the playbook API on %s', (engine) => {
  let service: TestService;
  const keys: Record<'agent' | 'manager' | 'owner', string> = { agent: '', manager: '', owner: '' };
  let workspaceId: string;
  const studyAbroad = builtInPlaybook('study-abroad')!;

  beforeAll(async () => {
    service = await startTestService({ ARI_ADMIN_TOKEN: ADMIN }, engine);
    const { db } = service.ctx.database;
    workspaceId = (await createWorkspace(db, { name: 'Gamma Study', slug: 'gamma' })).id;
    await createWorkspace(db, { name: 'Delta Study', slug: 'delta' });
    for (const role of ['agent', 'manager', 'owner'] as const)
      keys[role] = (await createApiKey(db, { workspace: 'gamma', role })).key;
  });
  afterAll(async () => service?.stopAll());

  const call = async (method: string, path: string, body?: unknown, token = keys.manager) => {
    const response = await fetch(`${service.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('lists the built-in playbooks with their names and descriptions', async () => {
    const { status, body } = await call('GET', '/playbooks', undefined, keys.agent);
    expect(status).toBe(200);
    expect(body.playbooks).toContainEqual({
      id: 'study-abroad',
      name: studyAbroad.name,
      description: studyAbroad.description,
    });
  });

  it('reads the built-in a new workspace follows, takes a document of its own and goes back to a built-in', async () => {
    const initial = await call('GET', '/workspaces/gamma/playbook');
    expect(initial).toEqual({
      status: 200,
      body: { playbookId: 'study-abroad', custom: false, playbook: studyAbroad },
    });

    const own = structuredClone(studyAbroad);
    own.id = 'gamma-own';
    own.rubric = { ...own.rubric, hot: 60, warm: 30 };
    own.quietHours = { from: '21:00', to: '07:00' };
    const saved = await call('PUT', '/workspaces/gamma/playbook', { playbook: own });
    expect(saved).toEqual({ status: 200, body: { playbookId: null, custom: true, playbook: own } });
    expect(await call('GET', '/workspaces/gamma/playbook')).toEqual(saved);
    // Another workspace is not touched.
    expect((await call('GET', '/workspaces/delta/playbook', undefined, ADMIN)).body.custom).toBe(false);

    // A document is stored with the schema's defaults filled in: what is read back is complete.
    const { signals: _signals, quietHours: _quiet, maxAiTurns: _max, ...sparse } = own;
    const filled = await call('PUT', '/workspaces/gamma/playbook', { playbook: sparse });
    expect(filled.status).toBe(200);
    expect(filled.body.playbook).toMatchObject({ signals: [], quietHours: null, maxAiTurns: null });

    const back = await call('PUT', '/workspaces/gamma/playbook', { use: 'study-abroad' });
    expect(back).toEqual({ status: 200, body: { playbookId: 'study-abroad', custom: false, playbook: studyAbroad } });
  });

  it('refuses an unknown built-in, an empty or mixed body and unknown fields, listing the built-ins', async () => {
    const before = await call('GET', '/workspaces/gamma/playbook');
    const unknown = await call('PUT', '/workspaces/gamma/playbook', { use: 'unknown' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe(
      'no built-in playbook "unknown"; the built-ins are: study-abroad, property, clinic, course',
    );
    for (const body of [{}, { use: 'study-abroad', playbook: studyAbroad }, { use: 'study-abroad', extra: 1 }]) {
      const refused = await call('PUT', '/workspaces/gamma/playbook', body);
      expect(refused.status, JSON.stringify(Object.keys(body))).toBe(400);
    }
    expect(await call('GET', '/workspaces/gamma/playbook')).toEqual(before);
  });

  it('refuses an invalid playbook with every problem and its path, and stores nothing', async () => {
    const own = structuredClone(studyAbroad);
    own.id = 'gamma-custom';
    await call('PUT', '/workspaces/gamma/playbook', { playbook: own });
    const before = await call('GET', '/workspaces/gamma/playbook');

    const bad = structuredClone(own) as any;
    bad.rubric.categories[0].weight -= 10; // the weights sum to 90
    bad.routing.hot = 'teleport'; // no such routing target
    bad.slots[0].patterns = ['(a+)+$']; // catastrophic backtracking
    const refused = await call('PUT', '/workspaces/gamma/playbook', { playbook: bad });
    expect(refused.status).toBe(400);
    const paths = refused.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['rubric.categories', 'routing.hot', 'slots.0.patterns.0']));
    expect(refused.body.issues).toHaveLength(3);
    expect(refused.body.issues).toContainEqual({
      path: 'rubric.categories',
      message: 'the weights sum to 90, not 100',
    });
    // The message alone names them all too.
    for (const path of paths) expect(refused.body.error).toContain(`${path}: `);

    expect(await call('GET', '/workspaces/gamma/playbook')).toEqual(before);
  });

  it('says what is wrong with a stored playbook that cannot be used, and a PUT replaces it', async () => {
    const broken = structuredClone(studyAbroad) as any;
    broken.rubric.hot = 10; // below warm: written behind the API's back
    await service.ctx.database.db
      .update(ariConfig)
      .set({ playbook: broken })
      .where(eq(ariConfig.workspaceId, workspaceId));
    const read = await call('GET', '/workspaces/gamma/playbook');
    expect(read.status).toBe(409);
    expect(read.body.issues).toEqual([
      { path: 'rubric.hot', message: 'the hot threshold must be above the warm threshold' },
    ]);
    expect((await call('PUT', '/workspaces/gamma/playbook', { use: 'study-abroad' })).status).toBe(200);
    expect((await call('GET', '/workspaces/gamma/playbook')).body.custom).toBe(false);
  });

  it('lets a manager read and change it, an agent neither, and hides other workspaces', async () => {
    expect((await call('GET', '/workspaces/gamma/playbook', undefined, keys.agent)).status).toBe(403);
    const agentPut = await call('PUT', '/workspaces/gamma/playbook', { use: 'study-abroad' }, keys.agent);
    expect(agentPut.status).toBe(403);
    expect((await call('PUT', '/workspaces/gamma/playbook', { use: 'study-abroad' }, keys.owner)).status).toBe(200);
    expect((await call('GET', '/workspaces/delta/playbook', undefined, keys.owner)).status).toBe(404);
    expect((await call('PUT', '/workspaces/delta/playbook', { use: 'study-abroad' }, keys.owner)).status).toBe(404);
  });

  it('tells open consoles the settings changed, and only when they did', async () => {
    // The previous test's change signal may still be on its way (signals gather for 10 ms on PostgreSQL).
    await sleep(100);
    const seen: string[] = [];
    const unsubscribe = service.ctx.events.subscribe(workspaceId, (event) => seen.push(event.type));
    try {
      // Refused first: on PostgreSQL the signals travel in order, so a wrong one would arrive before the right one.
      expect((await call('PUT', '/workspaces/gamma/playbook', { use: 'unknown' })).status).toBe(400);
      expect((await call('PUT', '/workspaces/gamma/playbook', { use: 'study-abroad' })).status).toBe(200);
      await eventually(async () => (seen.length > 0 ? seen : null));
      await sleep(100);
    } finally {
      unsubscribe();
    }
    expect(seen).toEqual(['settings.changed']);
  });
});
