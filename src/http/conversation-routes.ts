/** The inbox: conversations, a thread, human replies, take over / hand back, and live changes (SSE). */
import type { FastifyInstance } from 'fastify';
import { getConversation } from '../conversations/get-conversation.js';
import { listConversations, type ListConversationsInput } from '../conversations/list-conversations.js';
import { markConversationRead } from '../conversations/mark-conversation-read.js';
import { sendHumanReply } from '../conversations/send-human-reply.js';
import { setConversationMode } from '../conversations/set-conversation-mode.js';
import type { ServiceContext } from '../context/service-context.js';
import { workspaceOf, type ConversationParams, type SlugParams } from './authenticate.js';
import { streamWorkspaceEvents } from './stream-workspace-events.js';

export function registerConversationRoutes(api: FastifyInstance, ctx: ServiceContext): void {
  api.get<SlugParams & { Querystring: ListConversationsInput }>('/workspaces/:slug/conversations', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    const { rows, nextCursor } = await listConversations(ctx.database.db, workspace.id, request.query);
    return { conversations: rows.map((r) => ({ ...r.conversation, contact: r.contact })), nextCursor };
  });

  api.get<ConversationParams>('/workspaces/:slug/conversations/:id', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    const { conversation, contact, messages } = await getConversation(ctx.database.db, workspace.id, request.params.id);
    return { conversation: { ...conversation, contact, messages } };
  });

  api.post<ConversationParams>('/workspaces/:slug/conversations/:id/messages', async (request, reply) => {
    const workspace = await workspaceOf(ctx, request);
    return reply.code(202).send(await sendHumanReply(ctx, workspace.id, request.params.id, request.body ?? {}));
  });

  api.put<ConversationParams>('/workspaces/:slug/conversations/:id/mode', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    return { conversation: await setConversationMode(ctx, workspace.id, request.params.id, request.body ?? {}) };
  });

  api.post<ConversationParams>('/workspaces/:slug/conversations/:id/read', async (request, reply) => {
    const workspace = await workspaceOf(ctx, request);
    await markConversationRead(ctx, workspace.id, request.params.id);
    return reply.code(204).send();
  });

  api.get<SlugParams>('/workspaces/:slug/events', async (request, reply) => {
    const workspace = await workspaceOf(ctx, request);
    return streamWorkspaceEvents(ctx, workspace.id, request, reply);
  });
}
