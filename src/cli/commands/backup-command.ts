import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { callOperation } from './lazy-backend.js';
import { printJson } from './output.js';

export function backupCommand(): Command {
  return new Command('backup')
    .description(
      'write a consistent backup of the database to a new file (PGlite: a data-directory tarball, also while ari serve runs; PostgreSQL: pg_dump)',
    )
    .argument('<file>', 'the backup file to create (must not exist)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      // Absolute: the file may be written by the running server, whose working directory differs.
      const { result, via } = await callOperation(loadConfig(), 'backup', { file: path.resolve(file) });
      if (options.json) return printJson({ ...result, via });
      process.stdout.write(
        `backup of the ${result.engine} database written to ${result.file} (${result.bytes} bytes)\n`,
      );
    });
}
