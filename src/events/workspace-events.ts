/**
 * "Something changed" signals for open consoles (server-sent events), published
 * after a commit: the console then re-reads what it shows, so an event carries
 * only what changed, never data. This bus is in-process (PGlite has one
 * process: commands run inside the server); on PostgreSQL,
 * postgres-workspace-events.ts carries the signals between processes.
 */
import { EventEmitter } from 'node:events';

export type WorkspaceEvent =
  /** A conversation's messages, statuses, mode or lead changed; null: some conversation (a status webhook). */
  | { type: 'conversation.changed'; conversationId: string | null }
  | { type: 'settings.changed' }
  /** A booking was made, moved, cancelled or marked, or a resource's setup changed: calendars re-read. */
  | { type: 'bookings.changed' }
  | { type: 'usage.changed' };

export interface WorkspaceEvents {
  publish(workspaceId: string, event: WorkspaceEvent): void;
  subscribe(workspaceId: string, listener: (event: WorkspaceEvent) => void): () => void;
}

export function createWorkspaceEvents(): WorkspaceEvents {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one per open console tab
  return {
    publish: (workspaceId, event) => emitter.emit(workspaceId, event),
    subscribe(workspaceId, listener) {
      emitter.on(workspaceId, listener);
      return () => emitter.off(workspaceId, listener);
    },
  };
}
