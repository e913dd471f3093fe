/**
 * The last step of `npm run build`: a migrated PGlite data directory in
 * dist/pglite-template, which a first `ari serve` on an empty ARI_DATA_DIR copies
 * instead of running initdb and creating the job queue's schema in the server (see
 * src/db/seed-pglite-data-dir.ts).
 * Runs in its own process, so initdb's memory is gone when the build ends.
 */
import { buildPgliteTemplate } from '../dist/db/build-pglite-template.js';
import { PGLITE_TEMPLATE_DIR } from '../dist/db/pglite-template.js';
import { startJobQueue } from '../dist/jobs/job-queue.js';

const started = performance.now();
// pg-boss creates its schema and ARI's queues on its first start: done here, once.
const stamp = await buildPgliteTemplate(PGLITE_TEMPLATE_DIR, async (database) => {
  const jobs = await startJobQueue(database, { supervise: false });
  await jobs.stop();
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`PGlite template for first starts: ${PGLITE_TEMPLATE_DIR} (PGlite ${stamp.pglite}, ${seconds} s)`);
