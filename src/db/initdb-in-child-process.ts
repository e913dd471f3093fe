/**
 * PGlite's initdb for an empty directory, run in a short-lived child process: initdb
 * grows the WASM heap to ~800 MB, which a process never gives back, so the server then
 * only reopens the directory it made (a third of that). Used when there is no usable
 * template (see seed-pglite-data-dir.ts).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

export function initdbInChildProcess(dataDir: string): Promise<void> {
  // The same PGlite as this process's (resolved here: the child runs from no file).
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = `const { PGlite } = require(${JSON.stringify(pglite)});
PGlite.create(process.argv[1]).then((client) => client.close());`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=commonjs', '-e', script, dataDir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`initdb of ${dataDir} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}
