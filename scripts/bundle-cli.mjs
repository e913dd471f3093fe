/**
 * A step of `npm run build`: the `ari` command as a few bundled files in dist/bin, from tsc's
 * output. Loading ~1,200 module files was most of a start (ESM resolution and linking, per
 * file): bundled, `ari serve` is ready ~0.3 s sooner on Node 20 and ~0.7 s sooner on Node 24,
 * whose module loader is slower still, and holds less memory (see README, Performance).
 *
 * - dist/bin sits two levels below the package, as every module of dist/<folder>/ does: the
 *   paths ARI finds from its own location (migrations, the PGlite template, the console)
 *   resolve the same from the bundle.
 * - Code split at ARI's dynamic imports, so what a start loads later (the model SDKs, the
 *   rest of the server while PGlite boots) still loads later.
 * - PGlite stays a package of its own: its worker and initdb load it by path, with its WASM
 *   and data files beside it.
 */
import fs from 'node:fs';
import { build } from 'esbuild';

const started = performance.now();
// Chunk names carry content hashes: an earlier build's would pile up.
fs.rmSync('dist/bin', { recursive: true, force: true });
await build({
  entryPoints: { ari: 'dist/cli/main.js' },
  outdir: 'dist/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@electric-sql/pglite', 'pg-native'],
  // CommonJS packages inside an ES module bundle still call require() (for Node's own modules).
  banner: {
    js: "import { createRequire as __ariRequire } from 'node:module'; const require = __ariRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
console.log(`ari bundled: dist/bin/ari.js (${Math.round(performance.now() - started)} ms)`);
