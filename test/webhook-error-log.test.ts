/**
 * A webhook the database could not store is answered 500 (the provider delivers
 * again) and logged with the database's code and message — never with the
 * query's parameters, which hold the customer's text and phone number.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';
import { KAPSO_SECRET, PHONE_ID, kapsoBatch, kapsoEvent, kapsoHeaders } from './support/webhook-payloads.js';

const SECRET_TEXT = 'nomor paspor saya A1234567 tolong dirahasiakan';
const PHONE = '+6281377775555';

describe.each(ENGINES)('a failed webhook store on %s', (engine) => {
  let service: TestService;
  const lines: string[] = [];

  beforeAll(async () => {
    service = await startTestService({ KAPSO_WEBHOOK_SECRET: KAPSO_SECRET, LOG_LEVEL: 'warn' }, engine, {
      write: (line: string) => lines.push(line),
    });
    await createWorkspace(service.ctx.database.db, { name: 'Log Lab', slug: 'log-lab', kapsoPhoneId: PHONE_ID });
    await service.ctx.database.db.execute(sql`
      create function refuse_messages() returns trigger language plpgsql as $$
      begin raise exception 'storage refused for this test'; end $$`);
    await service.ctx.database.db.execute(sql`
      create trigger refuse_messages before insert on ari_messages for each row execute function refuse_messages()`);
  });
  afterAll(async () => service?.stopAll());

  it('answers 500 and logs the database error without the customer text or phone', async () => {
    const body = JSON.stringify(kapsoBatch([kapsoEvent({ id: 'wamid.LOG1', from: PHONE, text: SECRET_TEXT })]));
    const response = await fetch(`${service.url}/webhooks/kapso`, {
      method: 'POST',
      headers: kapsoHeaders(body),
      body,
    });
    expect(response.status).toBe(500);
    const line = await eventually(() => lines.find((l) => l.includes('webhook could not be stored')));
    const entry = JSON.parse(line);
    expect(entry.err).toMatchObject({ code: 'P0001', message: 'storage refused for this test' });
    const everything = lines.join('\n');
    expect(everything).not.toContain('A1234567');
    expect(everything).not.toContain('81377775555');
    expect(everything).not.toMatch(/params|insert into/i);
  });
});
