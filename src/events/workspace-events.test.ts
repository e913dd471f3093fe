import { describe, expect, it } from 'vitest';
import { createWorkspaceEvents, type WorkspaceEvent } from './workspace-events.js';

describe('workspace change events (in-process)', () => {
  it("delivers a workspace's events to its subscribers only, until they unsubscribe", () => {
    const events = createWorkspaceEvents();
    const a: WorkspaceEvent[] = [];
    const b: WorkspaceEvent[] = [];
    const stopA = events.subscribe('ws-a', (e) => a.push(e));
    events.subscribe('ws-b', (e) => b.push(e));
    events.publish('ws-a', { type: 'conversation.changed', conversationId: 'c1' });
    events.publish('ws-b', { type: 'usage.changed' });
    stopA();
    events.publish('ws-a', { type: 'settings.changed' });
    expect(a).toEqual([{ type: 'conversation.changed', conversationId: 'c1' }]);
    expect(b).toEqual([{ type: 'usage.changed' }]);
  });
});
