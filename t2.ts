import { openDatabase } from './src/db/open-database.ts';
import { startJobQueue } from './src/jobs/job-queue.ts';
import { sql } from 'drizzle-orm';
import fs from 'node:fs';
fs.cpSync('/tmp/pgl-1795670812632', '/tmp/pgl-copy', {recursive: true});
const d = await openDatabase({ engine: 'pglite', dataDir: '/tmp/pgl-copy' });
let t = Date.now();
const q = await startJobQueue(d);
console.log('boss started', Date.now() - t);
const got: unknown[] = [];
await q.work('send', async (job) => { got.push(job.data); });
t = Date.now();
await d.db.transaction(async (tx) => {
  await tx.execute(sql`select 1`);
  console.log('in tx', await q.send('send', { hello: 'tx' }, {}, tx));
});
await d.db.transaction(async (tx) => {
  await q.send('send', { hello: 'rolled back' }, {}, tx);
  tx.rollback();
}).catch((e) => console.log('rollback', e.message));
console.log(await q.send('reply', { c: 1 }, { singletonKey: 'c1', startAfter: new Date(Date.now()+1000).toISOString() }));
console.log(await q.send('reply', { c: 2 }, { singletonKey: 'c1' }));
await new Promise((r) => setTimeout(r, 2000));
console.log(got, Date.now() - t);
await q.stop(); await d.close();
