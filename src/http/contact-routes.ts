/** Leads: contacts sorted by score with filters, and the same list as CSV. */
import type { FastifyInstance } from 'fastify';
import { listContacts, type ListContactsInput } from '../contacts/list-contacts.js';
import { csvLine } from '../core/csv.js';
import type { ServiceContext } from '../context/service-context.js';
import { workspaceOf, type SlugParams } from './authenticate.js';

const CSV_COLUMNS = [
  'name',
  'phone',
  'lead_score',
  'lead_status',
  'state',
  'mode',
  'next_action',
  'destination',
  'education_level',
  'budget',
  'last_message_at',
  'username',
] as const;
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
    const lines = rows.map((c) => {
      const facts = ((c.metadata as { facts?: Record<string, unknown> }).facts ?? {}) as Record<
        string,
        string | undefined
      >;
      return csvLine([
        c.name,
        c.phone,
        c.leadScore,
        c.leadStatus,
        c.state,
        c.mode,
        c.nextAction,
        facts.destination,
        facts.educationLevel,
        facts.budget,
        c.lastMessageAt?.toISOString(),
        c.username,
      ]);
    });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${workspace.slug}-leads.csv"`)
      .send(csvLine([...CSV_COLUMNS]) + lines.join(''));
  });
}
