import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { callOperation } from './lazy-backend.js';
import { printJson } from './output.js';
import type { CliIo } from './cli-io.js';

export function backupCommand(io: CliIo): Command {
  return new Command('backup')
    .description(
      'write a consistent backup of the database to a new file (PGlite: a data-directory tarball, also while ari serve runs; PostgreSQL: pg_dump)',
    )
    .argument('<file>', 'the backup file to create (must not exist)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      // Absolute: the file may be written by the running server, whose working directory differs.
      const { result, via } = await callOperation(loadConfig(io.env), 'backup', { file: path.resolve(file) });
      if (options.json) return printJson(io.stdout, { ...result, via });
      io.stdout.write(`backup of the ${result.engine} database written to ${result.file} (${result.bytes} bytes)\n`);
    });
}
