/**
 * One contact per customer, however WhatsApp names them: by E.164 phone, by
 * business-scoped user id (BSUID), or both. An event carrying both links them:
 * the missing identifier is attached to the contact found. A username and a name
 * fill in (the username follows the customer; a name never overwrites).
 *
 * When a phone and a BSUID already belong to two different contacts, the BSUID's
 * contact wins (Meta and Kapso: match by BSUID first) and the two are left apart:
 * merging histories is a human decision, not a webhook side effect.
 *
 * Set-based: a handful of statements for a whole batch.
 */
import type { AriTransaction } from '../db/open-database.js';
import { positionalSql } from '../db/positional-sql.js';

export interface ContactIdentity {
  workspaceId: string;
  /** E.164 (already normalised) or null. */
  phone: string | null;
  bsuid: string | null;
  parentBsuid: string | null;
  username: string | null;
  name: string | null;
}

interface Row {
  id: string | null;
  workspace_id: string;
  phone: string | null;
  bsuid: string | null;
  parent_bsuid: string | null;
  username: string | null;
  name: string | null;
  dirty?: boolean;
}

const FIND = `
select c.id, c.workspace_id, c.phone, c.bsuid, c.parent_bsuid, c.username, c.name
  from contacts c
  join json_to_recordset($1::json) as v(workspace_id uuid, phone text, bsuid text)
    on c.workspace_id = v.workspace_id and (c.phone = v.phone or c.bsuid = v.bsuid)`;

// Locked in id order (ORDER BY comes before the locking): two ingests naming the same customers
// take their rows in the same order, so neither holds one the other waits for.
const FIND_AND_LOCK = `${FIND}
 order by c.id
   for update of c`;

export interface ResolveOptions {
  /**
   * Whether other transactions may run at once (PostgreSQL, default). On PGlite's one
   * connection nothing else runs meanwhile: the rows found are all there is and a lock holds
   * nothing back, so returning customers cost one statement instead of two.
   */
  concurrent?: boolean;
}

/** Returns the contact id of each identity, in order. */
export async function resolveContacts(
  tx: AriTransaction,
  items: ContactIdentity[],
  { concurrent = true }: ResolveOptions = {},
): Promise<string[]> {
  const keys = items.map((i) => ({ workspace_id: i.workspaceId, phone: i.phone, bsuid: i.bsuid }));
  const seen = await select<Row>(tx, FIND, keys);
  const created = await createUnknown(tx, items, seen);
  const existing = concurrent || created ? await select<Row>(tx, FIND_AND_LOCK, keys) : seen;
  const byPhone = new Map<string, Row>();
  const byBsuid = new Map<string, Row>();
  const index = (row: Row) => {
    if (row.phone) byPhone.set(`${row.workspace_id}|${row.phone}`, row);
    if (row.bsuid) byBsuid.set(`${row.workspace_id}|${row.bsuid}`, row);
  };
  existing.forEach(index);

  const chosen = items.map((item) => {
    const a = item.phone ? byPhone.get(`${item.workspaceId}|${item.phone}`) : undefined;
    const b = item.bsuid ? byBsuid.get(`${item.workspaceId}|${item.bsuid}`) : undefined;
    const row: Row = b ??
      a ?? {
        id: null,
        workspace_id: item.workspaceId,
        phone: null,
        bsuid: null,
        parent_bsuid: null,
        username: null,
        name: null,
      };
    const phoneFree = !item.phone || !byPhone.has(`${item.workspaceId}|${item.phone}`) || a === row;
    const fill = {
      phone: row.phone ?? (phoneFree ? item.phone : null),
      bsuid: row.bsuid ?? item.bsuid,
      parent_bsuid: item.parentBsuid ?? row.parent_bsuid,
      username: item.username ?? row.username,
      name: row.name ?? item.name,
    };
    if (
      fill.phone !== row.phone ||
      fill.bsuid !== row.bsuid ||
      fill.parent_bsuid !== row.parent_bsuid ||
      fill.username !== row.username ||
      fill.name !== row.name
    ) {
      Object.assign(row, fill);
      row.dirty = true;
    }
    index(row);
    return row;
  });

  const rows = [...new Set(chosen)];
  const changed = rows.filter((r) => r.dirty);
  if (changed.length === 0) return chosen.map((r) => r.id!);

  // A username moves with its holder: whoever had it before lets it go.
  const named = changed.filter((r) => r.username);
  if (named.length > 0)
    await tx.execute(
      positionalSql(
        `update contacts c set username = null, updated_at = now()
           from json_to_recordset($1::json) as v(id uuid, workspace_id uuid, username text)
          where c.workspace_id = v.workspace_id and c.username = v.username and c.id is distinct from v.id`,
        [JSON.stringify(named.map((r) => ({ id: r.id, workspace_id: r.workspace_id, username: r.username })))],
      ),
    );

  const updates = changed.filter((r) => r.id !== null);
  if (updates.length > 0)
    await tx.execute(
      positionalSql(
        `update contacts c
            set phone = v.phone, bsuid = v.bsuid, parent_bsuid = v.parent_bsuid, username = v.username,
                name = v.name, updated_at = now()
           from json_to_recordset($1::json) as v(id uuid, phone text, bsuid text, parent_bsuid text, username text, name text)
          where c.id = v.id`,
        [JSON.stringify(updates)],
      ),
    );

  const inserts = changed.filter((r) => r.id === null);
  if (inserts.length > 0) {
    // Rare now (createUnknown made the new customers): a username held by another contact, say.
    // Another transaction may create the same customer meanwhile: its row is found again below.
    await insertContacts(tx, inserts);
    const found = await select<Row>(
      tx,
      FIND_AND_LOCK,
      inserts.map((r) => ({ workspace_id: r.workspace_id, phone: r.phone, bsuid: r.bsuid })),
    );
    for (const row of inserts) {
      const match = found.find(
        (f) =>
          f.workspace_id === row.workspace_id &&
          ((row.bsuid !== null && f.bsuid === row.bsuid) || (row.phone !== null && f.phone === row.phone)),
      );
      if (!match) throw new Error('a new contact was neither inserted nor found');
      row.id = match.id;
    }
  }
  return chosen.map((r) => r.id!);
}

/**
 * Customers no row names yet are created before any contact is locked, so that one ordered
 * statement then locks every row the batch needs: one another ingest created meanwhile,
 * locked after ours, would break the id order (a deadlock with an ingest locking both).
 */
async function createUnknown(tx: AriTransaction, items: ContactIdentity[], seen: Row[]): Promise<boolean> {
  const known = new Set(
    seen.flatMap((r) =>
      [r.phone ? `${r.workspace_id}|p|${r.phone}` : [], r.bsuid ? `${r.workspace_id}|b|${r.bsuid}` : []].flat(),
    ),
  );
  const unknown = items.filter(
    (i) => !known.has(`${i.workspaceId}|p|${i.phone}`) && !known.has(`${i.workspaceId}|b|${i.bsuid}`),
  );
  if (unknown.length === 0) return false;
  const rows: Row[] = unknown.map((i) => ({
    id: null,
    workspace_id: i.workspaceId,
    phone: i.phone,
    bsuid: i.bsuid,
    parent_bsuid: i.parentBsuid,
    username: i.username,
    name: i.name,
  }));
  // A row that conflicts (the same customer twice, a username someone else holds) is left to resolveContacts.
  await insertContacts(tx, rows);
  return true;
}

async function insertContacts(tx: AriTransaction, rows: Row[]): Promise<void> {
  await tx.execute(
    positionalSql(
      `insert into contacts (workspace_id, phone, bsuid, parent_bsuid, username, name)
       select workspace_id, phone, bsuid, parent_bsuid, username, name
         from json_to_recordset($1::json) as v(workspace_id uuid, phone text, bsuid text, parent_bsuid text, username text, name text)
       on conflict do nothing`,
      // Identity order: two ingests creating the same customers wait on each other's rows in one order.
      [JSON.stringify([...rows].sort(byIdentity))],
    ),
  );
}

async function select<T>(tx: AriTransaction, query: string, input: unknown[]): Promise<T[]> {
  const result = (await tx.execute(positionalSql(query, [JSON.stringify(input)]))) as unknown as { rows: T[] };
  return result.rows;
}

function byIdentity(a: Row, b: Row): number {
  const x = `${a.workspace_id}|${a.phone ?? ''}|${a.bsuid ?? ''}`;
  const y = `${b.workspace_id}|${b.phone ?? ''}|${b.bsuid ?? ''}`;
  return x < y ? -1 : x > y ? 1 : 0;
}
