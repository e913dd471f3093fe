/**
 * What a command reads and writes besides the database: its environment (the config comes
 * from it), standard input and its two output streams. The `ari` binary passes the process's
 * own; tests run the same program in their own process with theirs.
 */

export interface TextOut {
  write(text: string): unknown;
}

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  stdout: TextOut;
  stderr: TextOut;
}

export function processIo(): CliIo {
  return { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}
