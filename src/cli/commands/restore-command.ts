import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import type { CliIo } from './cli-io.js';

export function restoreCommand(io: CliIo): Command {
  return new Command('restore')
    .description(
      'restore a backup of ari backup into an empty place (PGlite: an empty ARI_DATA_DIR; PostgreSQL: a database without ARI tables, with pg_restore)',
    )
    .argument('<file>', 'the backup file')
    .action(async (file: string) => {
      const [{ databaseTarget }, { restoreDatabase }] = await Promise.all([
        import('../../db/database-target.js'),
        import('../../db/restore-database.js'),
      ]);
      const target = databaseTarget(loadConfig(io.env));
      await restoreDatabase(target, path.resolve(file));
      const where = target.engine === 'pglite' ? target.dataDir : 'the database of DATABASE_URL';
      io.stdout.write(`restored ${path.resolve(file)} into ${where}\n`);
    });
}
