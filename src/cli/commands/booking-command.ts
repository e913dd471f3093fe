/**
 * `ari booking`: consultants and rooms (added and changed), their weekly hours and days off,
 * the bookings of the next days, booking, moving, cancelling and marking them for a customer,
 * and a resource's calendar feed URL. Booking changes send the team's booking.* webhook like
 * the chat and the console do (queued; `ari serve` sends it).
 */
import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { UserError } from '../../core/user-error.js';
import { callOperation } from './lazy-backend.js';
import { printJson, printTable } from './output.js';
import type { CliIo } from './cli-io.js';

export function bookingCommand(io: CliIo): Command {
  const booking = new Command('booking').description(
    'consultants and rooms, their hours, and the bookings customers make with them',
  );

  booking
    .command('resources')
    .description("a workspace's consultants and rooms, with their weekly hours")
    .requiredOption('--workspace <slug>', 'the workspace')
    .option('--json', 'print as JSON')
    .action(async (options: { workspace: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'booking.resources', { slug: options.workspace });
      if (options.json) return printJson(io.stdout, result);
      printTable(
        io.stdout,
        ['ID', 'NAME', 'KIND', 'SLOT', 'CAPACITY', 'ACTIVE', 'FEED', 'HOURS'],
        result.map((r) => [
          r.id,
          r.name,
          r.kind,
          `${r.slotMinutes} min`,
          r.capacity,
          r.active ? 'yes' : 'no',
          r.hasFeed ? 'yes' : 'no',
          r.hours,
        ]),
      );
    });

  booking
    .command('hours')
    .description("show a resource's weekly hours (in the workspace's zone), or replace them with --set")
    .argument('<resource>', "the resource's name or id")
    .requiredOption('--workspace <slug>', 'the workspace')
    .option(
      '--set <hours>',
      'e.g. "mon-fri 09:00-17:00" or "mon-thu 09:00-12:00,13:00-17:00; sat 09:00-12:00"; "off" for none',
    )
    .option('--json', 'print as JSON')
    .action(async (resource: string, options: { workspace: string; set?: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'booking.hours', {
        slug: options.workspace,
        resource,
        set: options.set,
      });
      if (options.json) return printJson(io.stdout, result);
      io.stdout.write(`${result.resource.name}: ${result.hours} (${result.timezone})\n`);
    });

  const resource = booking.command('resource').description('add a consultant or room, or change one');

  withResourceFlags(
    resource
      .command('add')
      .description('add a consultant or room (it offers no slots until it has hours: ari booking hours --set)')
      .requiredOption('--workspace <slug>', 'the workspace')
      .requiredOption('--name <name>', 'e.g. "Dokter Sari" or "Ruang 2"'),
  )
    .option('--json', 'print as JSON')
    .action(async (options: { workspace: string; json?: boolean } & ResourceFlagOptions) => {
      const { result } = await callOperation(loadConfig(io.env), 'booking.resource.add', {
        slug: options.workspace,
        ...resourceFlags(options),
      });
      if (options.json) return printJson(io.stdout, result);
      io.stdout.write(`added ${result.kind} ${result.name}: ${result.id}\n`);
    });

  withResourceFlags(
    resource
      .command('update')
      .description("change a resource's name or rules (bookings already made keep their times)")
      .argument('<resource>', "the resource's name or id")
      .requiredOption('--workspace <slug>', 'the workspace')
      .option('--name <name>', 'its new name'),
  )
    .option('--active <true|false>', 'false: it offers no more slots (its bookings stay)')
    .option('--json', 'print as JSON')
    .action(async (ref: string, options: { workspace: string; json?: boolean } & ResourceFlagOptions) => {
      const { result } = await callOperation(loadConfig(io.env), 'booking.resource.update', {
        slug: options.workspace,
        resource: ref,
        ...resourceFlags(options),
      });
      if (options.json) return printJson(io.stdout, result);
      io.stdout.write(`updated ${result.kind} ${result.name}: ${result.id}\n`);
    });

  booking
    .command('days-off')
    .description("a resource's days off (holidays, leave): lists them, or adds or removes some")
    .argument('<resource>', "the resource's name or id")
    .requiredOption('--workspace <slug>', 'the workspace')
    .option('--add <days>', "YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD (both included), in the workspace's zone")
    .option('--reason <text>', 'why (with --add), e.g. "Natal"')
    .option('--remove <id>', 'the days off to take back (their id, as listed)')
    .option('--json', 'print as JSON')
    .action(
      async (
        ref: string,
        options: { workspace: string; add?: string; reason?: string; remove?: string; json?: boolean },
      ) => {
        const { result } = await callOperation(loadConfig(io.env), 'booking.days-off', {
          slug: options.workspace,
          resource: ref,
          add: options.add,
          reason: options.reason,
          remove: options.remove,
        });
        if (options.json) return printJson(io.stdout, result);
        if (result.removed) io.stdout.write(`removed days off ${result.removed}\n`);
        if (result.added) io.stdout.write(`added days off ${dayRange(result.added)}: ${result.added.id}\n`);
        if (result.removed || result.added) return;
        printTable(
          io.stdout,
          ['ID', 'DAYS', 'REASON'],
          result.daysOff.map((d) => [d.id, dayRange(d), d.reason]),
        );
      },
    );

  booking
    .command('list')
    .description('bookings starting on the given local days (default: today and the next 13)')
    .requiredOption('--workspace <slug>', 'the workspace')
    .option('--from <YYYY-MM-DD>', "first day, in the workspace's time zone (default: today)")
    .option('--to <YYYY-MM-DD>', 'last day, included (default: 13 days after --from)')
    .option('--resource <resource>', "only this resource's (name or id)")
    .option('--status <status>', 'only booked, cancelled, attended or no_show')
    .option('--json', 'print as JSON')
    .action(
      async (options: {
        workspace: string;
        from?: string;
        to?: string;
        resource?: string;
        status?: 'booked' | 'cancelled' | 'attended' | 'no_show';
        json?: boolean;
      }) => {
        const { result } = await callOperation(loadConfig(io.env), 'booking.list', {
          slug: options.workspace,
          from: options.from,
          to: options.to,
          resource: options.resource,
          status: options.status,
        });
        if (options.json) return printJson(io.stdout, result);
        printTable(
          io.stdout,
          ['ID', 'WHEN', 'RESOURCE', 'CONTACT', 'PHONE', 'STATUS'],
          result.bookings.map((b) => [b.id, b.label, b.resourceName, b.contactName, b.contactPhone, b.status]),
        );
      },
    );

  booking
    .command('book')
    .description('book a slot of a resource for a contact')
    .argument('<resource>', "the resource's name or id")
    .argument('<contact>', "the contact's phone, @username or id")
    .argument('<when>', '"YYYY-MM-DD HH:MM" in the workspace\'s zone, or an ISO instant')
    .requiredOption('--workspace <slug>', 'the workspace')
    .option('--json', 'print as JSON')
    .action(async (resource: string, contact: string, when: string, options: { workspace: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'booking.book', {
        slug: options.workspace,
        resource,
        contact,
        when,
      });
      if (options.json) return printJson(io.stdout, result);
      if (result.status === 'taken') throw notFree(when, result.alternatives);
      io.stdout.write(`booked ${result.booking.label} with ${result.booking.resourceName}: ${result.booking.id}\n`);
    });

  booking
    .command('move')
    .description('move a booking to another slot of its resource (the customer keeps it if the new time is taken)')
    .argument('<id>', 'the booking id (ari booking list)')
    .argument('<when>', '"YYYY-MM-DD HH:MM" in the workspace\'s zone, or an ISO instant')
    .requiredOption('--workspace <slug>', 'the workspace')
    .option('--json', 'print as JSON')
    .action(async (id: string, when: string, options: { workspace: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'booking.move', { slug: options.workspace, id, when });
      if (options.json) return printJson(io.stdout, result);
      if (result.status === 'taken') throw notFree(when, result.alternatives);
      io.stdout.write(
        `moved ${result.previous.label} to ${result.booking.label} with ${result.booking.resourceName}: ${result.booking.id}\n`,
      );
    });

  booking
    .command('cancel')
    .description('cancel a booking (its time is free again at once)')
    .argument('<id>', 'the booking id (ari booking list)')
    .requiredOption('--workspace <slug>', 'the workspace')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { workspace: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'booking.cancel', { slug: options.workspace, id });
      if (options.json) return printJson(io.stdout, result);
      io.stdout.write(`cancelled ${result.label}: ${result.id}\n`);
    });

  booking
    .command('mark')
    .description('record how a booking went, once its time has come')
    .argument('<id>', 'the booking id (ari booking list)')
    .argument('<outcome>', 'attended or no_show')
    .requiredOption('--workspace <slug>', 'the workspace')
    .option('--json', 'print as JSON')
    .action(async (id: string, outcome: string, options: { workspace: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'booking.mark', {
        slug: options.workspace,
        id,
        outcome: outcome as 'attended' | 'no_show',
      });
      if (options.json) return printJson(io.stdout, result);
      io.stdout.write(`marked ${result.label} ${result.status}: ${result.id}\n`);
    });

  booking
    .command('feed')
    .description("a new secret calendar (ICS) URL for a resource's bookings; the previous URL stops working")
    .argument('<resource>', "the resource's name or id")
    .requiredOption('--workspace <slug>', 'the workspace')
    .option('--json', 'print as JSON')
    .action(async (resource: string, options: { workspace: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'booking.feed', { slug: options.workspace, resource });
      if (options.json) return printJson(io.stdout, result);
      io.stdout.write(`${result.url}\n`);
    });

  return booking;
}

/** The rule flags `resource add` and `resource update` share (each checked by the operation). */
function withResourceFlags(command: Command): Command {
  return command
    .option('--kind <kind>', 'consultant or room')
    .option('--slot-minutes <n>', 'length of a slot, a multiple of 5 (new: 60)')
    .option('--buffer-minutes <n>', 'free time after each booking, a multiple of 5 (new: 0)')
    .option('--capacity <n>', 'customers per slot, 1 to 100 (new: 1)')
    .option('--lead-time-minutes <n>', 'how soon before a slot it can still be booked (new: 60)')
    .option('--horizon-days <n>', 'how many days ahead it can be booked (new: 14)')
    .option('--location <text>', 'an address or meeting link told to the customer');
}

type ResourceFlagOptions = {
  name?: string;
  kind?: string;
  slotMinutes?: string;
  bufferMinutes?: string;
  capacity?: string;
  leadTimeMinutes?: string;
  horizonDays?: string;
  location?: string;
  active?: string;
};

function resourceFlags(options: ResourceFlagOptions): ResourceFlagOptions {
  const { name, kind, slotMinutes, bufferMinutes, capacity, leadTimeMinutes, horizonDays, location, active } = options;
  return { name, kind, slotMinutes, bufferMinutes, capacity, leadTimeMinutes, horizonDays, location, active };
}

/** Not a crash but not done either: one line with the times that are free, exit 1. */
function notFree(when: string, alternatives: Array<{ label: string }>): UserError {
  return new UserError(
    `${when} is not free; the next free slots: ${alternatives.map((s) => s.label).join(', ') || 'none'}`,
    'conflict',
  );
}

function dayRange(days: { startsOn: string; endsOn: string }): string {
  return days.startsOn === days.endsOn ? days.startsOn : `${days.startsOn}..${days.endsOn}`;
}
