import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { callOperation } from './lazy-backend.js';
import { printJson } from './output.js';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('apply pending database migrations (ari serve also does this on start)')
    .option('--json', 'print the migration status as JSON')
    .action(async (options: { json?: boolean }) => {
      const { result, via } = await callOperation(loadConfig(), 'migrate', undefined);
      if (options.json) return printJson({ ...result, via });
      process.stdout.write(`database is current: ${result.applied} of ${result.known} migrations applied\n`);
    });
}
