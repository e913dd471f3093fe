/**
 * /api/v1 with bearer tokens: the admin sees every workspace, a workspace key its
 * own only — another workspace's data is a 404, never the data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/api-keys/create-api-key.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';

const ADMIN = 'admin-token-0123456789abcdef0123';

describe.each(ENGINES)('HTTP API v1 on %s', (engine) => {
  let service: TestService;
  let keyA: string;
  let keyB: string;

  beforeAll(async () => {
    service = await startTestService({ ARI_ADMIN_TOKEN: ADMIN }, engine);
    const db = service.ctx.database.db;
    await createWorkspace(
      db,
      { name: 'Alpha Study', slug: 'alpha' },
      { greetingTemplate: 'Halo dari Alpha, ada yang bisa dibantu?' },
    );
    await createWorkspace(
      db,
      { name: 'Beta Study', slug: 'beta' },
      { greetingTemplate: 'Halo dari Beta, ada yang bisa dibantu?' },
    );
    keyA = (await createApiKey(db, { workspace: 'alpha', role: 'manager' })).key;
    keyB = (await createApiKey(db, { workspace: 'beta' })).key;
  });
  afterAll(async () => service?.stopAll());

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const api = (
    path: string,
    token?: string,
    init: RequestInit = {},
  ): Promise<Omit<Response, 'json'> & { json(): Promise<any> }> =>
    fetch(`${service.url}/api/v1${path}`, {
      ...init,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });

  it('refuses requests without a valid token', async () => {
    expect((await api('/workspaces')).status).toBe(401);
    expect((await api('/workspaces', 'ari_not-a-real-key')).status).toBe(401);
    expect((await api('/workspaces', `${ADMIN}x`)).status).toBe(401);
  });

  it('shows the admin every workspace and a key only its own, without secrets', async () => {
    const admin = await (await api('/workspaces', ADMIN)).json();
    expect(admin.workspaces.map((w: { slug: string }) => w.slug).sort()).toEqual(['alpha', 'beta']);
    const own = await (await api('/workspaces', keyA)).json();
    expect(own.workspaces.map((w: { slug: string }) => w.slug)).toEqual(['alpha']);
    expect(own.workspaces[0]).not.toHaveProperty('kapsoApiKeyCiphertext');
  });

  it("talks through the sandbox and reads back conversations, messages and contacts; another workspace's are 404", async () => {
    const sent = await api('/workspaces/alpha/sandbox/messages', keyA, {
      method: 'POST',
      body: JSON.stringify({ from: '081299990000', text: 'Halo, saya Sinta', name: 'Sinta' }),
    });
    expect(sent.status).toBe(202);
    const { conversationId } = await sent.json();

    const thread = await eventually(async () => {
      const body = await (await api(`/workspaces/alpha/conversations/${conversationId}`, keyA)).json();
      return body.conversation?.messages?.length === 2 ? body.conversation : null;
    });
    expect(thread.contact).toMatchObject({ phone: '+6281299990000', name: 'Sinta' });
    expect(thread.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'Halo, saya Sinta'],
      ['assistant', 'Halo dari Alpha, ada yang bisa dibantu?'],
    ]);

    const list = await (await api('/workspaces/alpha/conversations', keyA)).json();
    expect(list.conversations).toHaveLength(1);
    const contactsList = await (await api('/workspaces/alpha/contacts', keyA)).json();
    expect(contactsList.contacts[0]).toMatchObject({ phone: '+6281299990000' });

    // Workspace B's key asks for A's data: the same 404 as for a workspace that does not exist.
    for (const path of [
      '/workspaces/alpha',
      '/workspaces/alpha/conversations',
      `/workspaces/alpha/conversations/${conversationId}`,
      '/workspaces/alpha/contacts',
    ]) {
      const response = await api(path, keyB);
      expect(response.status, path).toBe(404);
      expect(JSON.stringify(await response.json())).not.toContain('Sinta');
    }
    expect((await api('/workspaces/nowhere', keyB)).status).toBe(404);
    // B cannot reach A's conversation through its own slug either.
    expect((await api(`/workspaces/beta/conversations/${conversationId}`, keyB)).status).toBe(404);
    // The admin can.
    expect((await api(`/workspaces/alpha/conversations/${conversationId}`, ADMIN)).status).toBe(200);
  });

  it('answers an id that is not a UUID with 404 on every conversation route, not 500', async () => {
    for (const [method, path] of [
      ['GET', '/workspaces/alpha/conversations/not-a-uuid'],
      ['POST', '/workspaces/alpha/conversations/not-a-uuid/read'],
      ['PUT', '/workspaces/alpha/conversations/123/mode'],
      ['POST', "/workspaces/alpha/conversations/x'%20or%201=1/messages"],
    ] as const) {
      const response = await api(path, keyA, { method, ...(method === 'GET' ? {} : { body: '{}' }) });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect((await response.json()).error, path).toMatch(/^not found: .* is not an id$/);
    }
    // Without a token it is still 401 first: nothing is said about ids to strangers.
    expect((await api('/workspaces/alpha/conversations/not-a-uuid')).status).toBe(401);
  });

  it('answers bad sandbox input with 400 and a reason', async () => {
    const response = await api('/workspaces/alpha/sandbox/messages', keyA, {
      method: 'POST',
      body: JSON.stringify({ from: '0812', text: '' }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/text/);
    // A field the API does not name (here a snake_case one) is refused and nothing is stored.
    const conversationsBefore = (await (await api('/workspaces/alpha/conversations', keyA)).json()).conversations;
    const unknown = await api('/workspaces/alpha/sandbox/messages', keyA, {
      method: 'POST',
      body: JSON.stringify({ from: '+6281200009999', text: 'Halo', customer_name: 'Budi' }),
    });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toBe('Unrecognized key: "customer_name"');
    const conversationsAfter = (await (await api('/workspaces/alpha/conversations', keyA)).json()).conversations;
    expect(conversationsAfter).toEqual(conversationsBefore);
  });
});
