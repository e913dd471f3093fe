/**
 * Runs the `ari` program inside the test's process: the same commander program, commands and
 * operations as the binary, with the given environment, standard input and captured output —
 * without starting Node and loading every module again (~1.4 s a call). What only a real
 * process shows (its exit status, a one-line stderr from the binary, stdin) stays with runAri.
 */
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';
import type { AriResult } from './run-ari.js';

/** Like runAri: `env` is the command's whole environment, `input` its standard input. */
export async function runAriInProcess(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<AriResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'ari', ...args], {
    env,
    stdin: Readable.from(input === undefined ? [] : [Buffer.from(input)]),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}
