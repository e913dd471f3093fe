import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { callOperation } from './lazy-backend.js';
import { printFields, printJson, printTable } from './output.js';
import type { CliIo } from './cli-io.js';

export function deadletterCommand(io: CliIo): Command {
  const deadletter = new Command('deadletter').description(
    'webhook events that could not be used (kept whole, replayable once the cause is fixed)',
  );
  deadletter
    .command('list')
    .description('list dead letters, newest first')
    .option('--workspace <slug>', "only this workspace's")
    .option('--pending', 'only those not replayed yet')
    .option('--limit <n>', 'how many (default 50)')
    .option('--json', 'print as JSON')
    .action(async (options: { workspace?: string; pending?: boolean; limit?: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'deadletter.list', {
        slug: options.workspace,
        pending: options.pending ?? false,
        limit: options.limit as never,
      });
      if (options.json) return printJson(io.stdout, result);
      printTable(
        io.stdout,
        ['ID', 'CREATED', 'CHANNEL', 'REASON', 'REPLAYED', 'DETAIL'],
        result.deadLetters.map((d) => [d.id, d.createdAt, d.channel, d.reason, d.replayedAt, d.detail]),
      );
      io.stdout.write(`${result.total} dead letter(s), ${result.pending} not replayed\n`);
    });
  deadletter
    .command('replay')
    .description('re-ingest one dead letter through its webhook path (all or nothing)')
    .argument('<id>', 'the dead letter id')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'deadletter.replay', { id });
      if (options.json) return printJson(io.stdout, result);
      printFields(io.stdout, [
        ['replayed', result.id],
        ['stored', result.stored],
        ['duplicates', result.duplicates],
        ['status updates', result.statusUpdates],
        ['replies queued', result.repliesQueued],
      ]);
    });
  return deadletter;
}
