/** Leads: contacts sorted by score with filters, and the same list as CSV (a column per playbook slot). */
import type { FastifyInstance } from 'fastify';
import { listContacts, type ListContactsInput } from '../contacts/list-contacts.js';
import { csvLine } from '../core/csv.js';
import type { ServiceContext } from '../context/service-context.js';
import { workspaceOf, type SlugParams } from './authenticate.js';
import { describeFact } from '../assistant/lead/describe-fact.js';
import { readStoredFacts } from '../assistant/lead/lead-facts.js';
import { getWorkspacePlaybook } from '../playbooks/get-workspace-playbook.js';

/** Then one column per slot of the workspace's playbook, then these. */
const LEAD_COLUMNS = ['name', 'phone', 'lead_score', 'lead_status', 'state', 'mode', 'next_action'] as const;
const LAST_COLUMNS = ['last_message_at', 'username'] as const;
const CSV_PAGE = 500;

export function registerContactRoutes(api: FastifyInstance, ctx: ServiceContext): void {
  api.get<SlugParams & { Querystring: ListContactsInput }>('/workspaces/:slug/contacts', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    const { rows, nextCursor } = await listContacts(ctx.database.db, workspace.id, request.query);
    return { contacts: rows, nextCursor };
  });

  api.get<SlugParams & { Querystring: ListContactsInput }>('/workspaces/:slug/contacts.csv', async (request, reply) => {
    const workspace = await workspaceOf(ctx, request);
    // Every lead that matches the filters, whatever page the screen showed: walk the pages.
    const { limit: _limit, cursor: _cursor, ...filters } = request.query;
    const rows = [];
    let cursor: string | undefined;
    do {
      const page = await listContacts(ctx.database.db, workspace.id, { ...filters, limit: CSV_PAGE, cursor });
      rows.push(...page.rows);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const { playbook } = await getWorkspacePlaybook(ctx.database.db, workspace.id);
    const slots = playbook.slots.filter((slot) => slot.id !== 'name').map((slot) => slot.id);
    const lines = rows.map((c) => {
      const facts = readStoredFacts((c.metadata as { facts?: unknown }).facts);
      return csvLine([
        c.name,
        c.phone,
        c.leadScore,
        c.leadStatus,
        c.state,
        c.mode,
        c.nextAction,
        ...slots.map((id) => describeFact(facts[id])),
        c.lastMessageAt?.toISOString(),
        c.username,
      ]);
    });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${workspace.slug}-leads.csv"`)
      .send(csvLine([...LEAD_COLUMNS, ...slots, ...LAST_COLUMNS]) + lines.join(''));
  });
}
