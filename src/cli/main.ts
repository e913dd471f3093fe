#!/usr/bin/env node
/** The `ari` command: the program (program.ts) on this process's arguments, streams and environment. */
import { processIo } from './commands/cli-io.js';
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv, processIo());
