/**
 * Builds the migrated PGlite template a first start copies (run by `npm run build`,
 * see scripts/build-pglite-template.mjs). It holds the schema only: no workspace, no
 * key, no secret; the demo workspace is still seeded by the first `ari serve`.
 */
import fs from 'node:fs';
import { applyMigrations } from './migrations.js';
import { openDatabase, type Database } from './open-database.js';
import {
  currentTemplateStamp,
  templateDataDir,
  templateStampFile,
  type PgliteTemplateStamp,
} from './pglite-template.js';

/** `prepare` adds what else a first start would create (the job queue's schema: ~1 s). */
export async function buildPgliteTemplate(
  templateDir: string,
  prepare: (database: Database) => Promise<void> = async () => {},
): Promise<PgliteTemplateStamp> {
  // Built beside and renamed into place, so a failed build never leaves a template
  // that looks usable.
  const partial = `${templateDir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  try {
    const target = { engine: 'pglite' as const, dataDir: templateDataDir(partial) };
    const database = await openDatabase(target, { pgliteTemplate: null });
    try {
      const status = await applyMigrations(database, target);
      if (status.pending > 0) throw new Error(`${status.pending} migrations did not apply`);
      await prepare(database);
    } finally {
      await database.close();
    }
    const stamp = currentTemplateStamp();
    fs.writeFileSync(templateStampFile(partial), `${JSON.stringify(stamp, null, 2)}\n`);
    fs.rmSync(templateDir, { recursive: true, force: true });
    fs.renameSync(partial, templateDir);
    return stamp;
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
}
