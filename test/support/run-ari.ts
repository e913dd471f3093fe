/** Runs the built `ari` command (dist/, built by `npm test`) as a user would. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ARI_BIN = fileURLToPath(new URL('../../dist/bin/ari.js', import.meta.url));

/** The Node flags of package.json's `start` script: a server started here runs as `npm start` runs it. */
export const START_NODE_ARGS: string[] = (
  JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

export interface AriResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A clean environment: nothing from the developer's shell leaks into a test. */
export function ariEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...extra };
}

/** `input`, when given, is written to the command's standard input. */
export function runAri(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<AriResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ARI_BIN, ...args], {
      env,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (input !== undefined) child.stdin!.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RunningAri {
  process: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the "ARI is serving" log line. */
  startedInMs: number;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `ari serve` (PORT=0 unless given) and resolves once it logs its URL. */
export function startAri(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<RunningAri> {
  const started = Date.now();
  const child = spawn(process.execPath, [...START_NODE_ARGS, ARI_BIN, 'serve'], {
    env: { PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ari serve did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)".*"msg":"ARI is serving"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          process: child,
          url: match[1]!,
          startedInMs: Date.now() - started,
          output: () => output,
          async stop(signal: NodeJS.Signals = 'SIGTERM') {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`ari serve exited with ${code} before serving:\n${output}`));
    });
  });
}
