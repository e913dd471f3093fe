/**
 * `ari booking`: consultants and rooms, their weekly hours, the bookings of the next days,
 * booking and cancelling for a customer, and a resource's calendar feed URL. Changes send the
 * team's booking.* webhook like the chat and the console do (queued; `ari serve` sends it).
 */
import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { callOperation } from './lazy-backend.js';
import { printJson, printTable } from './output.js';

export function bookingCommand(): Command {
  const booking = new Command('booking').description(
    'consultants and rooms, their hours, and the bookings customers make with them',
  );

  booking
    .command('resources')
    .description("a workspace's consultants and rooms, with their weekly hours")
    .requiredOption('--workspace <slug>', 'the workspace')
    .option('--json', 'print as JSON')
    .action(async (options: { workspace: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(), 'booking.resources', { slug: options.workspace });
      if (options.json) return printJson(result);
      printTable(
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
      const { result } = await callOperation(loadConfig(), 'booking.hours', {
        slug: options.workspace,
        resource,
        set: options.set,
      });
      if (options.json) return printJson(result);
      process.stdout.write(`${result.resource.name}: ${result.hours} (${result.timezone})\n`);
    });

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
        const { result } = await callOperation(loadConfig(), 'booking.list', {
          slug: options.workspace,
          from: options.from,
          to: options.to,
          resource: options.resource,
          status: options.status,
        });
        if (options.json) return printJson(result);
        printTable(
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
      const { result } = await callOperation(loadConfig(), 'booking.book', {
        slug: options.workspace,
        resource,
        contact,
        when,
      });
      if (options.json) return printJson(result);
      if (result.status === 'booked') {
        process.stdout.write(
          `booked ${result.booking.label} with ${result.booking.resourceName}: ${result.booking.id}\n`,
        );
        return;
      }
      // Not a crash but not done either: exit 1, with the times that are free.
      process.stderr.write(
        `ari: ${when} is not free; the next free slots: ${result.alternatives.map((s) => s.label).join(', ') || 'none'}\n`,
      );
      process.exitCode = 1;
    });

  booking
    .command('cancel')
    .description('cancel a booking (its time is free again at once)')
    .argument('<id>', 'the booking id (ari booking list)')
    .requiredOption('--workspace <slug>', 'the workspace')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { workspace: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(), 'booking.cancel', { slug: options.workspace, id });
      if (options.json) return printJson(result);
      process.stdout.write(`cancelled ${result.label}: ${result.id}\n`);
    });

  booking
    .command('feed')
    .description("a new secret calendar (ICS) URL for a resource's bookings; the previous URL stops working")
    .argument('<resource>', "the resource's name or id")
    .requiredOption('--workspace <slug>', 'the workspace')
    .option('--json', 'print as JSON')
    .action(async (resource: string, options: { workspace: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(), 'booking.feed', { slug: options.workspace, resource });
      if (options.json) return printJson(result);
      process.stdout.write(`${result.url}\n`);
    });

  return booking;
}
