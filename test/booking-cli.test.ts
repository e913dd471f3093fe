/**
 * `ari booking` as staff use it, on PGlite and PostgreSQL: list the resources, set weekly
 * hours in words ("mon-fri 09:00-17:00"), book a customer by phone at a local time, see a
 * taken time refused with the next free slots, list and cancel, and get a calendar feed URL.
 * Every change queues the team's booking.* webhook in its own transaction (sent by the workers
 * of `ari serve`); a mistake is one line on stderr, exit 1, nothing changed.
 * Most commands run in this process (runAriInProcess: the same program and operations); a few
 * run as the real binary, for its exit code and its one-line stderr.
 */
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBookingResource } from '../src/booking/create-booking-resource.js';
import { addDays, zonedParts } from '../src/core/local-time.js';
import { sha256Hex } from '../src/core/sha256-hex.js';
import { applyMigrations } from '../src/db/migrations.js';
import { openDatabase, type DatabaseTarget } from '../src/db/open-database.js';
import { ariConversations, bookingExceptions, bookingResources, bookings, contacts } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { ariEnv, runAri } from './support/run-ari.js';
import { runAriInProcess } from './support/run-ari-in-process.js';
import { createPostgresDatabase, ENGINES, freshDataDir } from './support/test-database.js';

const errorLines = (stderr: string) => {
  expect(stderr).not.toMatch(/\n\s+at /);
  return stderr
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('(run with --help'));
};

describe.each(ENGINES)('ari booking on %s', { timeout: 400_000 }, (engine) => {
  let target: DatabaseTarget;
  let env: NodeJS.ProcessEnv;
  let dropPostgres: (() => Promise<void>) | undefined;
  let resourceId: string;
  let workspaceId: string;
  let budiId: string;
  let budiConversationId: string;
  /** Tomorrow in Jakarta: always more than the lead time (60 minutes) away at 10:00. */
  const tomorrow = addDays(zonedParts(new Date(), 'Asia/Jakarta').date, 1);

  /** Reads the database between commands (a PGlite directory is free when no command runs). */
  async function inDatabase<T>(read: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
    const database = await openDatabase(target);
    try {
      return await read(database.db);
    } finally {
      await database.close();
    }
  }

  /** The booking.* notices queued for the team, oldest first. */
  async function queuedNotices(): Promise<string[]> {
    const database = await openDatabase(target);
    try {
      const rows = await database.query<{ data: { type: string; data: { booking: { id: string } } } }>(
        `select data from pgboss.job where name = 'notify' order by created_on`,
      );
      return rows.map((r) => `${r.data.type} ${r.data.data.booking.id}`);
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    const common = { ARI_DEMO: '0', ARI_NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:9/hooks', PORT: '3100' };
    if (engine === 'pglite') {
      const dataDir = freshDataDir();
      target = { engine: 'pglite', dataDir: path.join(dataDir, 'pglite') };
      env = ariEnv({ ARI_DATA_DIR: dataDir, ...common });
    } else {
      const pg = await createPostgresDatabase();
      dropPostgres = pg.drop;
      target = { engine: 'postgres', url: pg.url };
      env = ariEnv({ DATABASE_URL: pg.url, ...common });
    }
    const database = await openDatabase(target);
    await applyMigrations(database, target);
    const workspace = await createWorkspace(database.db, { name: 'Klinik Sehat', slug: 'klinik' });
    workspaceId = workspace.id;
    resourceId = (await createBookingResource(database.db, workspace.id, { name: 'Dokter Sari' })).id;
    const [budi] = await database.db
      .insert(contacts)
      .values([
        { workspaceId: workspace.id, phone: '+6281233300001', name: 'Budi' },
        { workspaceId: workspace.id, phone: '+6281233300002', username: 'sari_w', name: 'Sari' },
      ])
      .returning();
    budiId = budi!.id;
    // Budi has written on WhatsApp: a booking made for him belongs to that conversation.
    const [conversation] = await database.db
      .insert(ariConversations)
      .values({ workspaceId: workspace.id, contactId: budi!.id, state: 'qualifying' })
      .returning({ id: ariConversations.id });
    budiConversationId = conversation!.id;
    await database.close();
  });
  afterAll(async () => {
    await dropPostgres?.();
  });

  it('sets hours in words, books by phone at a local time, refuses a taken time, lists and cancels', async () => {
    const listed = await runAri(['booking', 'resources', '--workspace', 'klinik'], env);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toMatch(/^ID\s+NAME\s+KIND\s+SLOT\s+CAPACITY\s+ACTIVE\s+FEED\s+HOURS\n/);
    expect(listed.stdout).toMatch(
      new RegExp(`^${resourceId}\\s+Dokter Sari\\s+consultant\\s+60 min\\s+1\\s+yes\\s+no\\s+off$`, 'm'),
    );

    // A bad line changes nothing.
    const bad = await runAri(
      ['booking', 'hours', 'Dokter Sari', '--workspace', 'klinik', '--set', 'funday 09:00-17:00'],
      env,
    );
    expect(bad.code).toBe(1);
    expect(errorLines(bad.stderr)).toEqual([
      'ari: "funday" is not a day: use mon, tue, wed, thu, fri, sat, sun (or sen … min)',
    ]);
    const overlapping = await runAriInProcess(
      ['booking', 'hours', 'Dokter Sari', '--workspace', 'klinik', '--set', 'mon 09:00-12:00,11:00-13:00'],
      env,
    );
    expect(overlapping.code).toBe(1);
    expect(overlapping.stderr).toMatch(/overlaps window 0 on the same weekday/);
    expect((await runAriInProcess(['booking', 'hours', 'dokter sari', '--workspace', 'klinik'], env)).stdout).toBe(
      'Dokter Sari: off (Asia/Jakarta)\n',
    );

    // Every day, so tomorrow always has hours; the name is matched in any case.
    const set = await runAriInProcess(
      ['booking', 'hours', 'dokter sari', '--workspace', 'klinik', '--set', 'sun-sat 08:00-12:00, 13:00-17:00'],
      env,
    );
    expect(set.stderr).toBe('');
    expect(set.stdout).toBe('Dokter Sari: mon-sun 08:00-12:00,13:00-17:00 (Asia/Jakarta)\n');
    const hours = JSON.parse(
      (await runAriInProcess(['booking', 'hours', resourceId, '--workspace', 'klinik', '--json'], env)).stdout,
    );
    expect(hours.weekly).toHaveLength(14);
    expect(hours.weekly[0]).toEqual({ weekday: 0, startTime: '08:00', endTime: '12:00' });

    const booked = await runAriInProcess(
      ['booking', 'book', 'Dokter Sari', '0812-3330-0001', `${tomorrow} 10:00`, '--workspace', 'klinik'],
      env,
    );
    expect(booked.stderr).toBe('');
    const bookingId = new RegExp(`^booked ${tomorrow} 10:00 WIB with Dokter Sari: ([0-9a-f-]{36})\\n$`).exec(
      booked.stdout,
    )?.[1];
    expect(bookingId, booked.stdout).toBeDefined();
    const [row] = await inDatabase((db) => db.select().from(bookings).where(eq(bookings.id, bookingId!)));
    // 10:00 in Jakarta (UTC+7) is 03:00 UTC, whatever the host's zone.
    expect(row!.startsAt.toISOString()).toBe(`${tomorrow}T03:00:00.000Z`);
    // Booked from the CLI, it still joins Budi's conversation (reminders go there), which is now booked.
    expect(row!.conversationId).toBe(budiConversationId);
    const [conversation] = await inDatabase((db) =>
      db.select().from(ariConversations).where(eq(ariConversations.id, budiConversationId)),
    );
    expect(conversation!.state).toBe('booked');

    const takenText = await runAri(
      ['booking', 'book', 'Dokter Sari', '@sari_w', `${tomorrow} 10:00`, '--workspace', 'klinik'],
      env,
    );
    expect(takenText.code).toBe(1);
    expect(takenText.stderr).toMatch(
      new RegExp(`^ari: ${tomorrow} 10:00 is not free; the next free slots: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} WIB, `),
    );
    expect(takenText.stderr).not.toContain(`${tomorrow} 10:00 WIB`);

    const list = JSON.parse(
      (
        await runAriInProcess(
          ['booking', 'list', '--workspace', 'klinik', '--from', tomorrow, '--to', tomorrow, '--json'],
          env,
        )
      ).stdout,
    );
    expect(list).toMatchObject({ timezone: 'Asia/Jakarta', from: tomorrow, to: tomorrow });
    expect(list.bookings).toHaveLength(1);
    expect(list.bookings[0]).toMatchObject({
      id: bookingId,
      label: `${tomorrow} 10:00 WIB`,
      resourceName: 'Dokter Sari',
      contactName: 'Budi',
      contactPhone: '+6281233300001',
      status: 'booked',
    });
    const table = await runAriInProcess(['booking', 'list', '--workspace', 'klinik'], env);
    expect(table.stdout).toMatch(
      new RegExp(`^${bookingId}\\s+${tomorrow} 10:00 WIB\\s+Dokter Sari\\s+Budi\\s+\\+6281233300001\\s+booked$`, 'm'),
    );
    // The day after is another range: nothing there.
    const later = addDays(tomorrow, 1);
    expect(
      JSON.parse(
        (
          await runAriInProcess(
            ['booking', 'list', '--workspace', 'klinik', '--from', later, '--to', later, '--json'],
            env,
          )
        ).stdout,
      ).bookings,
    ).toEqual([]);

    const cancelled = await runAriInProcess(['booking', 'cancel', bookingId!, '--workspace', 'klinik'], env);
    expect(cancelled.stdout).toBe(`cancelled ${tomorrow} 10:00 WIB: ${bookingId}\n`);
    const [after] = await inDatabase((db) => db.select().from(bookings).where(eq(bookings.id, bookingId!)));
    expect(after!.status).toBe('cancelled');
    // Its time is free again at once.
    const again = await runAriInProcess(
      ['booking', 'book', 'Dokter Sari', '@sari_w', `${tomorrow} 10:00`, '--workspace', 'klinik', '--json'],
      env,
    );
    const rebooked = JSON.parse(again.stdout);
    expect(rebooked).toMatchObject({ status: 'booked', booking: { contactId: expect.any(String) } });

    // Each change queued the team's webhook in its own transaction; the refused ones queued nothing.
    expect(await queuedNotices()).toEqual([
      `booking.created ${bookingId}`,
      `booking.cancelled ${bookingId}`,
      `booking.created ${rebooked.booking.id}`,
    ]);
  });

  it('refuses what it cannot read with one line, and changes nothing', async () => {
    const cases: Array<[string[], string]> = [
      [['booking', 'resources', '--workspace', 'nope'], 'ari: no workspace with slug "nope"'],
      [
        ['booking', 'hours', 'Dokter Budi', '--workspace', 'klinik'],
        'ari: no booking resource "Dokter Budi" in this workspace',
      ],
      [
        ['booking', 'book', 'Dokter Sari', '0812-9999-0000', `${tomorrow} 11:00`, '--workspace', 'klinik'],
        'ari: no contact "0812-9999-0000" in this workspace',
      ],
      [
        ['booking', 'book', 'Dokter Sari', '@sari_w', 'besok jam 2', '--workspace', 'klinik'],
        'ari: "besok jam 2" is not a time: write "YYYY-MM-DD HH:MM" (the workspace\'s zone) or an ISO instant',
      ],
      [
        ['booking', 'book', 'Dokter Sari', '@sari_w', `${tomorrow} 10:30`, '--workspace', 'klinik'],
        `ari: ${tomorrow} 10:30 WIB is not a slot of "Dokter Sari" that can be booked now`,
      ],
      [['booking', 'cancel', 'abc', '--workspace', 'klinik'], 'ari: id: a booking id is a UUID'],
      [
        ['booking', 'list', '--workspace', 'klinik', '--from', '2026-12-10', '--to', '2026-12-01'],
        'ari: --to must not be before --from',
      ],
    ];
    const before = await inDatabase((db) => db.select().from(bookings));
    for (const [args, line] of cases) {
      const result = await runAriInProcess(args, env);
      expect(result.code, args.join(' ')).toBe(1);
      expect(errorLines(result.stderr), args.join(' ')).toEqual([line]);
    }
    expect(await inDatabase((db) => db.select().from(bookings))).toEqual(before);
  });

  it('prints a new feed URL each time; only its hash is stored', async () => {
    const first = await runAriInProcess(['booking', 'feed', 'Dokter Sari', '--workspace', 'klinik'], env);
    expect(first.stderr).toBe('');
    // No ARI_PUBLIC_URL: this machine's port.
    const token = /^http:\/\/localhost:3100\/feeds\/bookings\/([A-Za-z0-9_-]{43})\.ics\n$/.exec(first.stdout)?.[1];
    expect(token, first.stdout).toBeDefined();
    const second = await runAriInProcess(['booking', 'feed', 'Dokter Sari', '--workspace', 'klinik'], {
      ...env,
      ARI_PUBLIC_URL: 'https://ari.example.com/',
    });
    const secondToken = /^https:\/\/ari\.example\.com\/feeds\/bookings\/([A-Za-z0-9_-]{43})\.ics\n$/.exec(
      second.stdout,
    )?.[1];
    expect(secondToken, second.stdout).toBeDefined();
    expect(secondToken).not.toBe(token);
    const [resource] = await inDatabase((db) =>
      db
        .select({ feedTokenHash: bookingResources.feedTokenHash })
        .from(bookingResources)
        .where(and(eq(bookingResources.id, resourceId))),
    );
    expect(resource!.feedTokenHash).toBe(sha256Hex(secondToken!));
    const listed = await runAriInProcess(['booking', 'resources', '--workspace', 'klinik', '--json'], env);
    expect(JSON.parse(listed.stdout)[0]).toMatchObject({ name: 'Dokter Sari', hasFeed: true });
    expect(listed.stdout).not.toMatch(/feedTokenHash|feed_token_hash/);
  });

  it('adds and updates resources with flags; a bad flag is one line and changes nothing', async () => {
    const added = await runAriInProcess(
      [
        'booking',
        'resource',
        'add',
        '--workspace',
        'klinik',
        '--name',
        'Ruang 2',
        '--kind',
        'room',
        '--slot-minutes',
        '30',
        '--capacity',
        '3',
        '--location',
        'Jl. Sudirman 1, Jakarta',
      ],
      env,
    );
    expect(added.stderr).toBe('');
    const roomId = /^added room Ruang 2: ([0-9a-f-]{36})\n$/.exec(added.stdout)?.[1];
    expect(roomId, added.stdout).toBeDefined();
    const roomRow = async () =>
      (await inDatabase((db) => db.select().from(bookingResources).where(eq(bookingResources.id, roomId!))))[0]!;
    expect(await roomRow()).toMatchObject({
      workspaceId,
      name: 'Ruang 2',
      kind: 'room',
      slotMinutes: 30,
      bufferMinutes: 0,
      capacity: 3,
      leadTimeMinutes: 60,
      horizonDays: 14,
      location: 'Jl. Sudirman 1, Jakarta',
      active: true,
    });

    // Only --name: the defaults, as the API gives them; --json prints the resource as `resources` lists it.
    const plain = JSON.parse(
      (
        await runAriInProcess(
          ['booking', 'resource', 'add', '--workspace', 'klinik', '--name', 'Dokter Budi', '--json'],
          env,
        )
      ).stdout,
    );
    expect(plain).toMatchObject({
      name: 'Dokter Budi',
      kind: 'consultant',
      slotMinutes: 60,
      capacity: 1,
      location: '',
      active: true,
      hasFeed: false,
      weekly: [],
      daysOff: [],
      hours: 'off',
    });

    const updated = await runAriInProcess(
      [
        'booking',
        'resource',
        'update',
        'ruang 2',
        '--workspace',
        'klinik',
        '--capacity',
        '4',
        '--buffer-minutes',
        '10',
        '--active',
        'false',
        '--name',
        'Ruang Dua',
      ],
      env,
    );
    expect(updated.stderr).toBe('');
    expect(updated.stdout).toBe(`updated room Ruang Dua: ${roomId}\n`);
    // What was not given stays.
    expect(await roomRow()).toMatchObject({
      name: 'Ruang Dua',
      capacity: 4,
      bufferMinutes: 10,
      active: false,
      slotMinutes: 30,
      location: 'Jl. Sudirman 1, Jakarta',
    });
    const reactivated = JSON.parse(
      (
        await runAriInProcess(
          ['booking', 'resource', 'update', roomId!, '--workspace', 'klinik', '--active', 'true', '--json'],
          env,
        )
      ).stdout,
    );
    expect(reactivated).toMatchObject({ id: roomId, active: true, capacity: 4 });

    const add = ['booking', 'resource', 'add', '--workspace', 'klinik', '--name', 'Ruang 3'];
    const update = ['booking', 'resource', 'update', 'Ruang Dua', '--workspace', 'klinik'];
    const cases: Array<[string[], string]> = [
      [[...add, '--slot-minutes', '7'], 'ari: --slot-minutes must be a multiple of 5 minutes'],
      [[...add, '--slot-minutes', '0'], 'ari: --slot-minutes must be more than 0'],
      [[...add, '--capacity', 'three'], 'ari: --capacity must be a whole number'],
      [[...add, '--horizon-days', '1.5'], 'ari: --horizon-days must be a whole number'],
      [[...add, '--kind', 'desk'], 'ari: --kind: Invalid option: expected one of "consultant"|"room"'],
      [['booking', 'resource', 'add', '--workspace', 'klinik', '--name', '  '], 'ari: --name must not be empty'],
      [[...update, '--capacity', '101'], 'ari: --capacity: Too big: expected number to be <=100'],
      [[...update, '--active', 'no'], 'ari: --active must be true or false'],
      [
        update,
        'ari: say what to change: --name, --kind, --slot-minutes, --buffer-minutes, --capacity, --lead-time-minutes, --horizon-days, --location, --active',
      ],
      [
        ['booking', 'resource', 'update', 'Ruang 9', '--workspace', 'klinik', '--capacity', '2'],
        'ari: no booking resource "Ruang 9" in this workspace',
      ],
      [[...add, '--workspace', 'nope'], 'ari: no workspace with slug "nope"'],
    ];
    const before = await inDatabase((db) => db.select().from(bookingResources));
    for (const [args, line] of cases) {
      const result = await runAriInProcess(args, env);
      expect(result.code, args.join(' ')).toBe(1);
      expect(errorLines(result.stderr), args.join(' ')).toEqual([line]);
    }
    expect(await inDatabase((db) => db.select().from(bookingResources))).toEqual(before);
  });

  it('adds, lists and removes days off; no slot is offered on them', async () => {
    const away = addDays(tomorrow, 2);
    const base = ['booking', 'days-off', 'Dokter Sari', '--workspace', 'klinik'];
    expect((await runAriInProcess(base, env)).stdout).toBe('ID  DAYS  REASON\n');

    const one = await runAriInProcess([...base, '--add', away, '--reason', 'Cuti'], env);
    expect(one.stderr).toBe('');
    const oneId = new RegExp(`^added days off ${away}: ([0-9a-f-]{36})\\n$`).exec(one.stdout)?.[1];
    expect(oneId, one.stdout).toBeDefined();
    const range = JSON.parse(
      (await runAriInProcess([...base, '--add', '2026-12-24..2026-12-26', '--reason', 'Natal', '--json'], env)).stdout,
    );
    expect(range.added).toMatchObject({ startsOn: '2026-12-24', endsOn: '2026-12-26', reason: 'Natal' });
    expect(range.daysOff).toHaveLength(2);

    const table = await runAriInProcess(base, env);
    expect(table.stdout).toMatch(new RegExp(`^${oneId}\\s+${away}\\s+Cuti$`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`^${range.added.id}\\s+2026-12-24\\.\\.2026-12-26\\s+Natal$`, 'm'));

    // The day off is kept by the slots: booking then is refused, and offered again once it is removed.
    const onDayOff = await runAriInProcess(
      ['booking', 'book', 'Dokter Sari', '@sari_w', `${away} 09:00`, '--workspace', 'klinik'],
      env,
    );
    expect(onDayOff.code).toBe(1);
    expect(errorLines(onDayOff.stderr)).toEqual([
      `ari: ${away} 09:00 WIB is not a slot of "Dokter Sari" that can be booked now`,
    ]);

    const cases: Array<[string[], string]> = [
      [
        [...base, '--add', '2026-12-31..2026-12-01'],
        'ari: --add "2026-12-31..2026-12-01": the last day is before the first',
      ],
      [[...base, '--add', 'besok'], 'ari: --add "besok": write a day YYYY-MM-DD, or days YYYY-MM-DD..YYYY-MM-DD'],
      [
        [...base, '--add', '2026-02-30'],
        'ari: --add "2026-02-30": write a day YYYY-MM-DD, or days YYYY-MM-DD..YYYY-MM-DD',
      ],
      [[...base, '--reason', 'Natal'], 'ari: --reason goes with --add'],
      [
        [...base, '--remove', 'abc'],
        'ari: remove: a days-off id is a UUID (ari booking days-off <resource> lists them)',
      ],
      // Another resource's id is not this one's: and the valid --add with it is not done either.
      [
        [...base, '--remove', '00000000-0000-4000-8000-000000000000', '--add', '2027-01-01'],
        'ari: no days off 00000000-0000-4000-8000-000000000000 for this resource',
      ],
      [
        ['booking', 'days-off', 'Dokter Budi', '--workspace', 'klinik', '--remove', oneId!],
        `ari: no days off ${oneId} for this resource`,
      ],
    ];
    const before = await inDatabase((db) => db.select().from(bookingExceptions));
    for (const [args, line] of cases) {
      const result = await runAriInProcess(args, env);
      expect(result.code, args.join(' ')).toBe(1);
      expect(errorLines(result.stderr), args.join(' ')).toEqual([line]);
    }
    expect(await inDatabase((db) => db.select().from(bookingExceptions))).toEqual(before);

    const removed = await runAriInProcess([...base, '--remove', oneId!], env);
    expect(removed.stdout).toBe(`removed days off ${oneId}\n`);
    expect(
      (
        await inDatabase((db) =>
          db.select().from(bookingExceptions).where(eq(bookingExceptions.resourceId, resourceId)),
        )
      ).map((d) => d.id),
    ).toEqual([range.added.id]);
    const booked = await runAriInProcess(
      ['booking', 'book', 'Dokter Sari', '@sari_w', `${away} 09:00`, '--workspace', 'klinik'],
      env,
    );
    expect(booked.stderr).toBe('');
    expect(booked.stdout).toMatch(new RegExp(`^booked ${away} 09:00 WIB with Dokter Sari: `));
  });

  it('moves a booking (a taken time keeps it where it was) and marks one that has happened', async () => {
    const day = addDays(tomorrow, 3);
    const book = async (contact: string, time: string) => {
      const result = await runAriInProcess(
        ['booking', 'book', 'Dokter Sari', contact, `${day} ${time}`, '--workspace', 'klinik', '--json'],
        env,
      );
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout).booking.id as string;
    };
    const budiBooking = await book('+6281233300001', '09:00');
    const sariBooking = await book('@sari_w', '14:00');

    const moved = await runAriInProcess(['booking', 'move', budiBooking, `${day} 11:00`, '--workspace', 'klinik'], env);
    expect(moved.stderr).toBe('');
    const movedId = new RegExp(
      `^moved ${day} 09:00 WIB to ${day} 11:00 WIB with Dokter Sari: ([0-9a-f-]{36})\\n$`,
    ).exec(moved.stdout)?.[1];
    expect(movedId, moved.stdout).toBeDefined();
    const rowOf = async (id: string) =>
      (await inDatabase((db) => db.select().from(bookings).where(eq(bookings.id, id))))[0]!;
    expect(await rowOf(budiBooking)).toMatchObject({ status: 'cancelled' });
    const movedRow = await rowOf(movedId!);
    expect(movedRow).toMatchObject({ status: 'booked', rescheduledFrom: budiBooking, contactId: budiId });
    expect(movedRow.startsAt.toISOString()).toBe(`${day}T04:00:00.000Z`);
    expect((await queuedNotices()).at(-1)).toBe(`booking.rescheduled ${movedId}`);

    // Sari has 14:00: Budi keeps 11:00, and is shown the next free times.
    const before = await inDatabase((db) => db.select().from(bookings));
    const taken = await runAriInProcess(['booking', 'move', movedId!, `${day} 14:00`, '--workspace', 'klinik'], env);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(
      new RegExp(`^ari: ${day} 14:00 is not free; the next free slots: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} WIB, `),
    );
    const takenJson = JSON.parse(
      (await runAriInProcess(['booking', 'move', movedId!, `${day} 14:00`, '--workspace', 'klinik', '--json'], env))
        .stdout,
    );
    expect(takenJson.status).toBe('taken');
    expect(takenJson.alternatives.length).toBeGreaterThan(0);
    // 14:00 itself is not offered back.
    expect(takenJson.alternatives.map((s: { startsAt: string }) => s.startsAt)).not.toContain(`${day}T07:00:00.000Z`);

    // A booking whose time has come (made before, so not through `book`), to mark.
    const [past] = await inDatabase((db) =>
      db
        .insert(bookings)
        .values({
          workspaceId,
          resourceId,
          contactId: budiId,
          // On the hour (bookings keep to the 5-minute grid), a day ago.
          startsAt: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 26 * 3_600_000),
          endsAt: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 25 * 3_600_000),
        })
        .returning(),
    );
    const cases: Array<[string[], string]> = [
      [
        ['booking', 'move', budiBooking, `${day} 15:00`, '--workspace', 'klinik'],
        'ari: a cancelled booking cannot be moved',
      ],
      [
        ['booking', 'move', movedId!, `${day} 11:30`, '--workspace', 'klinik'],
        `ari: ${day} 11:30 WIB is not a slot of "Dokter Sari" that can be booked now`,
      ],
      [
        ['booking', 'move', movedId!, 'lusa', '--workspace', 'klinik'],
        'ari: "lusa" is not a time: write "YYYY-MM-DD HH:MM" (the workspace\'s zone) or an ISO instant',
      ],
      [['booking', 'move', 'abc', `${day} 15:00`, '--workspace', 'klinik'], 'ari: id: a booking id is a UUID'],
      [
        ['booking', 'move', '00000000-0000-4000-8000-000000000000', `${day} 15:00`, '--workspace', 'klinik'],
        'ari: no booking 00000000-0000-4000-8000-000000000000 in this workspace',
      ],
      [['booking', 'mark', past!.id, 'came', '--workspace', 'klinik'], 'ari: outcome: say attended or no_show'],
      [['booking', 'mark', sariBooking, 'attended', '--workspace', 'klinik'], 'ari: the booking has not started yet'],
      [
        ['booking', 'mark', budiBooking, 'no_show', '--workspace', 'klinik'],
        'ari: a cancelled booking cannot be marked',
      ],
    ];
    const unchanged = [...before, past];
    for (const [args, line] of cases) {
      const result = await runAriInProcess(args, env);
      expect(result.code, args.join(' ')).toBe(1);
      expect(errorLines(result.stderr), args.join(' ')).toEqual([line]);
    }
    const sortById = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(sortById(await inDatabase((db) => db.select().from(bookings)))).toEqual(sortById(unchanged as never));

    const marked = await runAriInProcess(['booking', 'mark', past!.id, 'attended', '--workspace', 'klinik'], env);
    expect(marked.stderr).toBe('');
    expect(marked.stdout).toMatch(
      new RegExp(`^marked \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} WIB attended: ${past!.id}\\n$`),
    );
    expect(await rowOf(past!.id)).toMatchObject({ status: 'attended' });
    // A mistake is corrected the same way.
    const corrected = JSON.parse(
      (await runAriInProcess(['booking', 'mark', past!.id, 'no_show', '--workspace', 'klinik', '--json'], env)).stdout,
    );
    expect(corrected).toMatchObject({
      id: past!.id,
      status: 'no_show',
      resourceName: 'Dokter Sari',
      contactName: 'Budi',
    });
    expect(await rowOf(past!.id)).toMatchObject({ status: 'no_show' });
  });
});
