/**
 * A first start on an empty PGlite directory: copy the build's migrated template
 * instead of letting PGlite run initdb in this process (initdb grows the WASM heap
 * to ~800 MB, which is never given back). A missing or stale template (another
 * PGlite or pg-boss version, other migrations) leaves the directory empty for initdb
 * (in a child process, see open-database.ts). The caller holds the data-directory lock.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  currentTemplateStamp,
  templateDataDir,
  templateStampFile,
  type PgliteTemplateStamp,
} from './pglite-template.js';

export type PgliteOrigin = { from: 'existing' } | { from: 'template' } | { from: 'initdb'; reason: string };

export function seedPgliteDataDir(dataDir: string, templateDir: string | null): PgliteOrigin {
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) return { from: 'existing' };
  if (templateDir === null) return { from: 'initdb', reason: 'no template asked for' };
  const stamp = readStamp(templateDir);
  if (!stamp) return { from: 'initdb', reason: `no usable template at ${templateDir}` };
  const current = currentTemplateStamp();
  if (stamp.pglite !== current.pglite)
    return { from: 'initdb', reason: `the template was built by PGlite ${stamp.pglite}, this is ${current.pglite}` };
  if (stamp.pgBoss !== current.pgBoss)
    return { from: 'initdb', reason: `the template was built by pg-boss ${stamp.pgBoss}, this is ${current.pgBoss}` };
  if (stamp.migrations !== current.migrations)
    return { from: 'initdb', reason: 'the template was built from other migrations' };
  copyIntoPlace(templateDataDir(templateDir), dataDir);
  return { from: 'template' };
}

/**
 * A missing directory is copied beside and renamed into place: a copy cut short never
 * looks like a database, and a leftover one is removed on the next start. An existing
 * empty one (perhaps a mount point, which cannot be replaced) is filled in place with
 * PG_VERSION last: PGlite takes a directory for a database once that file is there.
 */
function copyIntoPlace(source: string, dataDir: string): void {
  if (fs.existsSync(dataDir)) {
    const version = path.join(source, 'PG_VERSION');
    fs.cpSync(source, dataDir, { recursive: true, filter: (file) => file !== version });
    fs.copyFileSync(version, path.join(dataDir, 'PG_VERSION'));
    return;
  }
  const partial = `${dataDir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  try {
    fs.cpSync(source, partial, { recursive: true });
    fs.renameSync(partial, dataDir);
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
}

function readStamp(templateDir: string): PgliteTemplateStamp | null {
  try {
    const stamp = JSON.parse(fs.readFileSync(templateStampFile(templateDir), 'utf8')) as Partial<PgliteTemplateStamp>;
    const { pglite, pgBoss, migrations } = stamp;
    if (typeof pglite !== 'string' || typeof pgBoss !== 'string' || typeof migrations !== 'string') return null;
    if (!fs.existsSync(templateDataDir(templateDir))) return null;
    return { pglite, pgBoss, migrations };
  } catch {
    return null;
  }
}
