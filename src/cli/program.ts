/**
 * The `ari` program: its commands, and how a run ends. User mistakes end with one line on
 * stderr (one per problem of a refused document) and exit code 1; anything else is a bug and
 * prints its stack. It never exits the process itself, so it can run inside another one.
 */
import { Command, CommanderError } from 'commander';
import { UserError } from '../core/user-error.js';
import type { CliIo } from './commands/cli-io.js';
import { CommandExit } from './commands/command-exit.js';
import { bookingCommand } from './commands/booking-command.js';
import { deadletterCommand } from './commands/deadletter-command.js';
import { doctorCommand } from './commands/doctor-command.js';
import { migrateCommand } from './commands/migrate-command.js';
import { playbookCommand } from './commands/playbook-command.js';
import { backupCommand } from './commands/backup-command.js';
import { restoreCommand } from './commands/restore-command.js';
import { serveCommand } from './commands/serve-command.js';
import { simulateCommand } from './commands/simulate-command.js';
import { usageCommand } from './commands/usage-command.js';
import { budgetCommand } from './commands/budget-command.js';
import { tokenCommand } from './commands/token-command.js';
import { workspaceCommand } from './commands/workspace-command.js';

export function buildProgram(io: CliIo): Command {
  const program = new Command('ari')
    .description('ARI: the WhatsApp AI lead assistant and CRM')
    .showHelpAfterError('(run with --help for usage)')
    // `serve` is the process itself (signals, exit), so it keeps the process's own streams.
    .addCommand(serveCommand())
    .addCommand(migrateCommand(io))
    .addCommand(backupCommand(io))
    .addCommand(restoreCommand(io))
    .addCommand(workspaceCommand(io))
    .addCommand(playbookCommand(io))
    .addCommand(doctorCommand(io))
    .addCommand(tokenCommand(io))
    .addCommand(usageCommand(io))
    .addCommand(budgetCommand(io))
    .addCommand(bookingCommand(io))
    .addCommand(deadletterCommand(io))
    .addCommand(simulateCommand(io));
  configureEverywhere(program, io);
  return program;
}

/** Commands added with addCommand inherit nothing: each gets the exit override and the streams. */
function configureEverywhere(command: Command, io: CliIo): void {
  command.exitOverride();
  command.configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
  });
  for (const sub of command.commands) configureEverywhere(sub, io);
}

/** Runs `ari` with argv as process.argv has it (node, script, arguments…); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed the message (or the help/version text).
      return error.exitCode;
    }
    if (error instanceof CommandExit) return error.exitCode;
    if (error instanceof UserError) {
      // A refused document: one line per problem, each with where it is.
      const lines = error.issues?.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)) ?? [error.message];
      for (const line of lines) io.stderr.write(`ari: ${line}\n`);
      return 1;
    }
    io.stderr.write(`ari: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
