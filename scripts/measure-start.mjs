/**
 * Measures `ari serve` on PGlite: time to ready (the "ARI is serving" log line) and
 * memory (VmHWM = peak RSS, VmRSS after an idle wait, read from /proc, so Linux only)
 * for a first start on an empty data directory and for a reopen of the same directory,
 * with the CPU time the process had used when ready (wall time depends on the machine's load).
 *
 *   npm run build && node scripts/measure-start.mjs [runs=3] [idleSeconds=10]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ARI_BIN = fileURLToPath(new URL('../dist/bin/ari.js', import.meta.url));
// As `npm start` runs it: the Node flags of package.json's start script.
const START_NODE_ARGS = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  .scripts.start.split(/\s+/)
  .filter((word) => word.startsWith('--'));
const runs = Number(process.argv[2] ?? 3);
const idleSeconds = Number(process.argv[3] ?? 10);

function memory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
  // utime + stime (fields 14 and 15, in clock ticks of 10 ms): CPU spent, which a busy machine
  // does not inflate the way it does wall time.
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
  return { peakMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024), cpuMs };
}

/** Starts `ari serve`, resolves at its ready line with the time and memory, then stops it. */
async function measure(dataDir, idle) {
  const started = performance.now();
  const child = spawn(process.execPath, [...START_NODE_ARGS, ARI_BIN, 'serve'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ARI_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const readyMs = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      if (output.includes('"msg":"ARI is serving"')) resolve(Math.round(performance.now() - started));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`ari serve exited with ${code}:\n${output}`)));
  });
  const atReady = memory(child.pid);
  let idleRssMb = null;
  if (idle > 0) {
    await new Promise((resolve) => setTimeout(resolve, idle * 1000));
    idleRssMb = memory(child.pid).rssMb;
  }
  const peakMb = memory(child.pid).peakMb;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  const created = /"created":\{"from":"(\w+)"/.exec(output)?.[1] ?? 'existing';
  return { readyMs, cpuMs: atReady.cpuMs, peakMb, rssAtReadyMb: atReady.rssMb, idleRssMb, created };
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ari-measure-'));
try {
  const rows = [];
  for (let run = 1; run <= runs; run++) {
    const dataDir = path.join(root, `run-${run}`);
    rows.push({ run, start: 'first', ...(await measure(dataDir, idleSeconds)) });
    rows.push({ run, start: 'reopen', ...(await measure(dataDir, 0)) });
  }
  console.table(rows);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
