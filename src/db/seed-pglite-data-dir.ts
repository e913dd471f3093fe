/**
 * A first start on an empty PGlite directory: copy the build's migrated template
 * instead of letting PGlite run initdb in this process (initdb grows the WASM heap
 * to ~800 MB, which is never given back). A missing or stale template (another
 * PGlite or pg-boss version, other migrations) leaves the directory empty, so PGlite runs
 * initdb as before. The caller holds the data-directory lock.
 */
import fs from 'node:fs';
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
  // Copied beside the directory and renamed into place: a copy cut short never looks
  // like a database; a leftover one is removed on the next start.
  const partial = `${dataDir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  try {
    fs.cpSync(templateDataDir(templateDir), partial, { recursive: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.renameSync(partial, dataDir);
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  return { from: 'template' };
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
