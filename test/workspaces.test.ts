import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/test-database.js';
import { UserError } from '../src/core/user-error.js';
import { ariConfig, workspaces } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { getWorkspaceDetails } from '../src/workspaces/get-workspace-details.js';
import { listWorkspaces } from '../src/workspaces/list-workspaces.js';
import { updateWorkspace } from '../src/workspaces/update-workspace.js';

describe.each(ENGINES)('workspaces on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => t?.dispose());

  const count = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(workspaces))[0]!.n;
  const configCount = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(ariConfig))[0]!.n;

  it('creates a workspace together with an enabled assistant config', async () => {
    const ws = await createWorkspace(t.database.db, {
      name: 'Bali Surf School',
      slug: 'bali-surf',
      kapsoPhoneId: '1111111111',
    });
    expect(ws).toMatchObject({ slug: 'bali-surf', timezone: 'Asia/Jakarta', kapsoPhoneId: '1111111111' });
    const details = await getWorkspaceDetails(t.database.db, 'bali-surf');
    expect(details.assistant).toMatchObject({
      workspaceId: ws.id,
      enabled: true,
      botName: 'Ari',
      // The default built-in playbook, none of its own.
      playbookId: 'study-abroad',
      playbook: null,
    });
    // No greeting of its own: the playbook's, in the customer's language.
    expect(details.assistant!.greetingTemplate).toBe('');
    expect(details.assistant!.consultationOffer).toBeNull();
  });

  it('refuses a duplicate slug or phone id with a clear message and changes nothing', async () => {
    const before = [await count(), await configCount()];
    await expect(createWorkspace(t.database.db, { name: 'Other', slug: 'bali-surf' })).rejects.toThrow(
      'a workspace with slug "bali-surf" already exists',
    );
    await expect(
      createWorkspace(t.database.db, { name: 'Other', slug: 'other-one', kapsoPhoneId: '1111111111' }),
    ).rejects.toThrow('kapso phone id 1111111111 already belongs to another workspace');
    expect([await count(), await configCount()]).toEqual(before);
  });

  it('validates input before touching the database', async () => {
    const before = await count();
    const attempts = [
      { name: 'X', slug: 'Not A Slug' },
      { name: '  ', slug: 'blank-name' },
      { name: 'X', slug: 'bad-tz', timezone: 'Mars/Olympus' },
      { name: 'X', slug: 'bad-phone', kapsoPhoneId: '+62 812' },
    ];
    for (const input of attempts) {
      const error = await createWorkspace(t.database.db, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).not.toContain('\n');
    }
    expect(await count()).toBe(before);
  });

  it('updates name, phone id and time zone, and clears the phone id', async () => {
    const updated = await updateWorkspace(t.database.db, {
      slug: 'bali-surf',
      name: 'Bali Surf Academy',
      timezone: 'Asia/Makassar',
    });
    expect(updated).toMatchObject({ name: 'Bali Surf Academy', timezone: 'Asia/Makassar', kapsoPhoneId: '1111111111' });
    const cleared = await updateWorkspace(t.database.db, { slug: 'bali-surf', kapsoPhoneId: null });
    expect(cleared.kapsoPhoneId).toBeNull();
    await expect(updateWorkspace(t.database.db, { slug: 'nope-nope', name: 'x' })).rejects.toThrow(
      'no workspace with slug "nope-nope"',
    );
    await expect(updateWorkspace(t.database.db, { slug: 'bali-surf' })).rejects.toThrow('nothing to update');
  });

  it('refuses to move a phone id onto a workspace when another holds it', async () => {
    await createWorkspace(t.database.db, { name: 'Holder', slug: 'holder', kapsoPhoneId: '2222222222' });
    await createWorkspace(t.database.db, { name: 'Taker', slug: 'taker' });
    await expect(updateWorkspace(t.database.db, { slug: 'taker', kapsoPhoneId: '2222222222' })).rejects.toThrow(
      'already belongs to another workspace',
    );
    const [taker] = await t.database.db.select().from(workspaces).where(eq(workspaces.slug, 'taker'));
    expect(taker!.kapsoPhoneId).toBeNull();
  });

  it('lists workspaces with whether their assistant is on', async () => {
    const list = await listWorkspaces(t.database.db);
    expect(list.map((w) => w.slug)).toEqual(expect.arrayContaining(['bali-surf', 'holder', 'taker']));
    expect(list.every((w) => w.assistantEnabled === true)).toBe(true);
  });
});
