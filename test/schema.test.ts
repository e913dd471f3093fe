/**
 * The schema as the database sees it (its catalog, not the TypeScript): every
 * table, column, constraint and index the product names, on each engine; and
 * the constraints really refuse what they should.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/test-database.js';

const REQUIRED_COLUMNS: Record<string, string[]> = {
  workspaces: ['id', 'name', 'slug', 'kapso_phone_id', 'timezone', 'created_at', 'updated_at'],
  contacts: [
    'id',
    'workspace_id',
    'phone',
    'bsuid',
    'parent_bsuid',
    'username',
    'name',
    'lead_score',
    'lead_status',
    'tags',
    'metadata',
    'marketing_opt_out_at',
  ],
  dead_letters: ['id', 'channel', 'workspace_id', 'reason', 'detail', 'raw', 'created_at', 'replayed_at'],
  kapso_reconciliation: [
    'phone_number_id',
    'workspace_id',
    'reconciled_until',
    'last_run_at',
    'last_success_at',
    'failing_since',
    'last_error',
    'recovered_total',
  ],
  ari_config: [
    'id',
    'workspace_id',
    'enabled',
    'bot_name',
    'language',
    'persona',
    'tone',
    'greeting_template',
    'community_link',
    'consultation_offer',
    'playbook_id',
    'playbook',
    'knowledge_entries',
    'mouth_chain',
    'brain_chain',
    'budget_monthly_usd',
    'budget_daily_usd',
    'late_reply_apology',
  ],
  ari_conversations: [
    'id',
    'workspace_id',
    'contact_id',
    'state',
    'lead_score',
    'lead_temperature',
    'next_action',
    'mode',
    'handoff_reason',
    'last_inbound_at',
    'unread_count',
  ],
  ari_messages: [
    'id',
    'conversation_id',
    'recovered',
    'workspace_id',
    'role',
    'content',
    'type',
    'provider_message_id',
    'status',
    'model',
    'response_time_ms',
  ],
  ai_usage: [
    'id',
    'workspace_id',
    'conversation_id',
    'model',
    'ai_type',
    'input_tokens',
    'output_tokens',
    'cost_usd',
    'created_at',
    'provider',
    'cached_input_tokens',
    'reasoning_tokens',
    'latency_ms',
    'outcome',
    'price_entry',
    'unpriced',
  ],
  ai_usage_rollup: ['workspace_id', 'day', 'ai_type', 'provider', 'model', 'outcome', 'unpriced', 'calls', 'cost_usd'],
  ai_usage_conversation_rollup: ['workspace_id', 'conversation_id', 'day', 'calls', 'cost_usd'],
  ai_budget_holds: ['id', 'workspace_id', 'amount_usd', 'expires_at'],
  ai_budget_alerts: ['workspace_id', 'period', 'period_start', 'percent'],
};

describe.each(ENGINES)('schema in the live catalog on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => t?.dispose());

  const q = <Row>(text: string, values?: unknown[]) => t.database.query<Row>(text, values);

  it('has every table and column, with uuid ids everywhere', async () => {
    const columns = await q<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
      `select table_name, column_name, data_type, is_nullable from information_schema.columns where table_schema = 'public'`,
    );
    for (const [table, names] of Object.entries(REQUIRED_COLUMNS)) {
      const present = columns.filter((c) => c.table_name === table).map((c) => c.column_name);
      expect(present, `columns of ${table}`).toEqual(expect.arrayContaining(names));
    }
    const idColumns = columns.filter((c) => c.column_name === 'id' || c.column_name.endsWith('_id'));
    // Ids of things outside the database (a phone number, a provider's message, a built-in playbook) are text.
    const outside = ['kapso_phone_id', 'provider_message_id', 'phone_number_id', 'playbook_id'];
    const notUuid = idColumns.filter((c) => c.data_type !== 'uuid' && !outside.includes(c.column_name));
    expect(notUuid).toEqual([]);
    const optional = (table: string, column: string) =>
      columns.find((c) => c.table_name === table && c.column_name === column)?.is_nullable;
    expect(optional('contacts', 'lead_score')).toBe('YES');
    expect(optional('contacts', 'lead_status')).toBe('YES');
    // A customer known only by a business-scoped user id (a WhatsApp username) has no phone.
    expect(optional('contacts', 'phone')).toBe('YES');
    expect(optional('dead_letters', 'workspace_id')).toBe('YES');
    expect(optional('ai_usage', 'conversation_id')).toBe('YES');
    expect(optional('workspaces', 'kapso_phone_id')).toBe('YES');
    // workspaces.settings was never read: dropped rather than left for callers to guess at.
    expect(optional('workspaces', 'settings')).toBeUndefined();
    // The stages, the lead rubric and its thresholds are the playbook's now.
    for (const moved of ['flow_stages', 'scoring_weights', 'hot_threshold', 'warm_threshold'])
      expect(optional('ari_config', moved), moved).toBeUndefined();
    expect(columns.find((c) => c.table_name === 'ai_usage' && c.column_name === 'cost_usd')?.data_type).toBe('numeric');
  });

  it('names the ai_usage indexes with their columns', async () => {
    const indexes = await q<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'ai_usage'`,
    );
    const def = (name: string) => indexes.find((i) => i.indexname === name)?.indexdef ?? '';
    expect(def('ai_usage_by_workspace')).toMatch(/\(workspace_id/);
    expect(def('ai_usage_by_workspace_type')).toMatch(/\(workspace_id, ai_type\)/);
    expect(def('ai_usage_by_conversation')).toMatch(/\(conversation_id\)/);
  });

  it('enforces the vocabularies, ranges and uniqueness with named constraints', async () => {
    const constraints = await q<{ conname: string; contype: string; def: string }>(
      `select c.conname, c.contype, pg_get_constraintdef(c.oid) as def
         from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = 'public'`,
    );
    const def = (name: string) => constraints.find((c) => c.conname === name)?.def ?? '';
    expect(def('contacts_lead_status_valid')).toMatch(/'new'.*'cold'.*'warm'.*'hot'/);
    expect(def('contacts_lead_score_range')).toMatch(/0.*100/);
    expect(def('ari_conversations_state_valid')).toMatch(/'greeting'.*'qualifying'.*'scheduling'.*'handoff'/);
    expect(def('ari_conversations_lead_temperature_valid')).toMatch(/'hot'.*'warm'.*'cold'/);
    expect(def('ari_conversations_lead_score_range')).toMatch(/0.*100/);
    expect(def('ai_usage_ai_type_valid')).toMatch(/'mouth'.*'brain'/);
    expect(def('workspaces_slug_unique')).toMatch(/UNIQUE \(slug\)/);
    expect(def('workspaces_kapso_phone_id_unique')).toMatch(/UNIQUE \(kapso_phone_id\)/);
    expect(def('contacts_workspace_phone_unique')).toMatch(/UNIQUE \(workspace_id, phone\)/);
    expect(def('contacts_workspace_bsuid_unique')).toMatch(/UNIQUE \(workspace_id, bsuid\)/);
    expect(def('contacts_workspace_username_unique')).toMatch(/UNIQUE \(workspace_id, username\)/);
    expect(def('contacts_identified')).toMatch(/phone IS NOT NULL.*bsuid IS NOT NULL/);
    expect(def('ari_config_workspace_unique')).toMatch(/UNIQUE \(workspace_id\)/);
    // Foreign keys everywhere a row belongs to another.
    const foreignKeys = constraints.filter((c) => c.contype === 'f').map((c) => c.def);
    expect(foreignKeys).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/REFERENCES workspaces\(id\)/),
        expect.stringMatching(/\(workspace_id, contact_id\) REFERENCES contacts\(workspace_id, id\)/),
        expect.stringMatching(/\(workspace_id, conversation_id\) REFERENCES ari_conversations\(workspace_id, id\)/),
      ]),
    );
    const tablesWithWorkspaceFk = new Set(
      (
        await q<{ table: string }>(
          `select cl.relname as table from pg_constraint c join pg_class cl on cl.oid = c.conrelid
            where c.contype = 'f' and pg_get_constraintdef(c.oid) like '%REFERENCES workspaces(id)%'`,
        )
      ).map((r) => r.table),
    );
    expect([...tablesWithWorkspaceFk].sort()).toEqual([
      'ai_budget_alerts',
      'ai_budget_holds',
      'ai_usage',
      'ai_usage_conversation_rollup',
      'ai_usage_rollup',
      'api_keys',
      'ari_config',
      'ari_conversations',
      'ari_messages',
      'booking_availability',
      'booking_exceptions',
      'booking_reminders',
      'booking_resources',
      'bookings',
      'contacts',
      'dead_letters',
      'kapso_reconciliation',
    ]);
  });

  it('refuses values outside the vocabularies and cross-workspace references', async () => {
    const [a] = await q<{ id: string }>(
      `insert into workspaces (name, slug) values ('A', 'schema-a-${engine}') returning id`,
    );
    const [b] = await q<{ id: string }>(
      `insert into workspaces (name, slug) values ('B', 'schema-b-${engine}') returning id`,
    );
    const [contact] = await q<{ id: string }>(
      `insert into contacts (workspace_id, phone) values ($1, '+6281234567890') returning id`,
      [a!.id],
    );
    const [conversation] = await q<{ id: string }>(
      `insert into ari_conversations (workspace_id, contact_id) values ($1, $2) returning id`,
      [a!.id, contact!.id],
    );
    const rejects = (text: string, values: unknown[]) => expect(q(text, values)).rejects.toThrow();

    await rejects(`update contacts set lead_status = 'hot_lead' where id = $1`, [contact!.id]);
    await rejects(`update contacts set lead_score = 101 where id = $1`, [contact!.id]);
    await rejects(`update contacts set phone = '0812345678' where id = $1`, [contact!.id]);
    // Phone or BSUID: a contact with neither is refused; with only a BSUID it is fine.
    await rejects(`update contacts set phone = null where id = $1`, [contact!.id]);
    await q(`insert into contacts (workspace_id, bsuid) values ($1, 'ID.123456789')`, [a!.id]);
    await rejects(`insert into contacts (workspace_id, bsuid) values ($1, 'ID.123456789')`, [a!.id]);
    await rejects(`update ari_conversations set state = 'closed' where id = $1`, [conversation!.id]);
    await rejects(`update ari_conversations set lead_temperature = 'prospect' where id = $1`, [conversation!.id]);
    await rejects(`insert into ai_usage (workspace_id, provider, model, ai_type) values ($1, 'grok', 'm', 'ear')`, [
      a!.id,
    ]);
    await rejects(`insert into workspaces (name, slug) values ('Dup', 'schema-a-${engine}')`, []);
    await rejects(`insert into workspaces (name, slug) values ('Bad', 'Bad Slug!')`, []);
    // A message in workspace B cannot point at workspace A's conversation.
    await rejects(
      `insert into ari_messages (workspace_id, conversation_id, role, direction, content, status)
       values ($1, $2, 'user', 'inbound', 'hi', 'received')`,
      [b!.id, conversation!.id],
    );
    // ...while the same insert in its own workspace works.
    await q(
      `insert into ari_messages (workspace_id, conversation_id, role, direction, content, status)
       values ($1, $2, 'user', 'inbound', 'hi', 'received')`,
      [a!.id, conversation!.id],
    );
    await q(`update contacts set lead_status = 'hot', lead_score = 100 where id = $1`, [contact!.id]);
  });

  it('lets no two workspaces claim one WhatsApp phone id', async () => {
    await q(`insert into workspaces (name, slug, kapso_phone_id) values ('P1', 'phone-one-${engine}', '1234567890')`);
    await expect(
      q(`insert into workspaces (name, slug, kapso_phone_id) values ('P2', 'phone-two-${engine}', '1234567890')`),
    ).rejects.toThrow();
    const rows = await q<{ count: number }>(
      `select count(*)::int as count from workspaces where kapso_phone_id = '1234567890'`,
    );
    expect(rows[0]!.count).toBe(1);
  });
});
