/**
 * Change events reach the consoles of the owning workspace only: within one
 * process on every engine, and on PostgreSQL across processes sharing one
 * database — a change made by one server, or by an `ari` command, reaches every
 * other server (NOTIFY / LISTEN).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveSandboxMessage } from '../src/channels/sandbox/receive-sandbox-message.js';
import { ingestChannelEvents } from '../src/conversations/ingest-channel-events.js';
import { openDatabase } from '../src/db/open-database.js';
import { startPostgresWorkspaceEvents } from '../src/events/postgres-workspace-events.js';
import type { WorkspaceEvent } from '../src/events/workspace-events.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { ariEnv, runAri } from './support/run-ari.js';
import { ENGINES } from './support/test-database.js';
import { waitForIdleQueues } from './support/wait-for-idle-queues.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';

describe.each(ENGINES)('change events in one process on %s', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({}, engine);
  });
  afterAll(async () => service?.stopAll());

  it("a stored message and its reply reach the owning workspace's subscribers, never another's", async () => {
    const alpha = await createWorkspace(service.ctx.database.db, { name: 'Alpha', slug: 'alpha' });
    const beta = await createWorkspace(service.ctx.database.db, { name: 'Beta', slug: 'beta' });
    const seen: WorkspaceEvent[] = [];
    const seenByBeta: WorkspaceEvent[] = [];
    service.ctx.events.subscribe(alpha.id, (event) => seen.push(event));
    service.ctx.events.subscribe(beta.id, (event) => seenByBeta.push(event));

    const stored = await receiveSandboxMessage((events) => ingestChannelEvents(service.ctx, events), alpha.id, {
      from: '+6281344440003',
      text: 'Halo',
    });
    await eventually(
      () => seen.some((e) => e.type === 'conversation.changed' && e.conversationId === stored.conversationId),
      5000,
      'the change of the stored message',
    );
    // The reply job publishes its own change and the usage it metered.
    await eventually(() => seen.some((e) => e.type === 'usage.changed'), 10_000, 'the reply');
    await waitForIdleQueues(service.ctx.database);
    expect(seenByBeta).toEqual([]);
  });
});

describe.each(ENGINES.filter((engine) => engine === 'postgres'))('change events across processes on %s', (engine) => {
  let first: TestService;
  let second: TestService;
  let url: string;

  beforeAll(async () => {
    first = await startTestService({}, engine);
    url = (first.ctx.target as { url: string }).url;
    second = await startTestService({ DATABASE_URL: url });
  });
  afterAll(async () => {
    await second?.close();
    await first?.stopAll();
  });

  it("a message stored by one server and a command's reply reach the other server's subscribers", async () => {
    const alpha = await createWorkspace(first.ctx.database.db, { name: 'Alpha', slug: 'alpha' });
    const beta = await createWorkspace(first.ctx.database.db, { name: 'Beta', slug: 'beta' });
    const seen: WorkspaceEvent[] = [];
    const seenByBeta: WorkspaceEvent[] = [];
    second.ctx.events.subscribe(alpha.id, (event) => seen.push(event));
    second.ctx.events.subscribe(beta.id, (event) => seenByBeta.push(event));

    const stored = await receiveSandboxMessage((events) => ingestChannelEvents(first.ctx, events), alpha.id, {
      from: '+6281344440001',
      text: 'Halo',
    });
    await eventually(
      () => seen.some((e) => e.type === 'conversation.changed' && e.conversationId === stored.conversationId),
      5000,
      'the change at the other server',
    );

    const before = seen.length;
    const command = await runAri(
      ['simulate', '--workspace', 'alpha', '--from', '081344440002', 'Halo'],
      ariEnv({ DATABASE_URL: url, ARI_DEBOUNCE_MS: '50' }),
    );
    expect(command.code, command.stderr).toBe(0);
    await eventually(() => seen.length > before, 5000, "the command's changes at the server");
    await waitForIdleQueues(first.ctx.database);
    expect(seenByBeta).toEqual([]);
  });

  it('signals gathered when the events close go out before close returns, so the database may close next', async () => {
    const delta = await createWorkspace(first.ctx.database.db, { name: 'Delta', slug: 'delta' });
    const seen: WorkspaceEvent[] = [];
    second.ctx.events.subscribe(delta.id, (event) => seen.push(event));
    // A process's own database, closed right after its events, as a stopping server does.
    const database = await openDatabase({ engine: 'postgres', url, poolSize: 2 });
    const closing = await startPostgresWorkspaceEvents(database, url, first.ctx.logger, { listen: false });
    closing.publish(delta.id, { type: 'usage.changed' });
    await closing.close();
    await database.close();
    await eventually(() => seen.length > 0, 5000, 'the signal gathered at close');
    expect(seen).toEqual([{ type: 'usage.changed' }]);
  });

  it('a burst of signals, sent together, reaches the other server whole: each distinct signal once, in order', async () => {
    const gamma = await createWorkspace(first.ctx.database.db, { name: 'Gamma', slug: 'gamma' });
    const seen: WorkspaceEvent[] = [];
    second.ctx.events.subscribe(gamma.id, (event) => seen.push(event));
    const ids = Array.from({ length: 300 }, (_, n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);
    for (const conversationId of ids) {
      first.ctx.events.publish(gamma.id, { type: 'conversation.changed', conversationId });
      // The same signal again (a batch of messages for one conversation, say): it tells nothing new.
      first.ctx.events.publish(gamma.id, { type: 'conversation.changed', conversationId });
    }
    first.ctx.events.publish(gamma.id, { type: 'usage.changed' });
    await eventually(() => seen.some((e) => e.type === 'usage.changed'), 5000, 'the last signal of the burst');
    expect(seen).toEqual([
      ...ids.map((conversationId) => ({ type: 'conversation.changed', conversationId })),
      { type: 'usage.changed' },
    ]);
  });
});
