import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { callOperation } from './lazy-backend.js';
import { printJson } from './output.js';
import type { CliIo } from './cli-io.js';

export function migrateCommand(io: CliIo): Command {
  return new Command('migrate')
    .description('apply pending database migrations (ari serve also does this on start)')
    .option('--json', 'print the migration status as JSON')
    .action(async (options: { json?: boolean }) => {
      const { result, via } = await callOperation(loadConfig(io.env), 'migrate', undefined);
      if (options.json) return printJson(io.stdout, { ...result, via });
      io.stdout.write(`database is current: ${result.applied} of ${result.known} migrations applied\n`);
    });
}
