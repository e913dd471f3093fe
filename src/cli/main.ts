#!/usr/bin/env node
/**
 * The `ari` command. User mistakes end with one line on stderr (one per problem of
 * a refused document) and exit code 1;
 * anything else is a bug and prints its stack.
 */
import { Command, CommanderError } from 'commander';
import { UserError } from '../core/user-error.js';
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

export function buildProgram(): Command {
  const program = new Command('ari')
    .description('ARI: the WhatsApp AI lead assistant and CRM')
    .showHelpAfterError('(run with --help for usage)')
    .addCommand(serveCommand())
    .addCommand(migrateCommand())
    .addCommand(backupCommand())
    .addCommand(restoreCommand())
    .addCommand(workspaceCommand())
    .addCommand(playbookCommand())
    .addCommand(doctorCommand())
    .addCommand(tokenCommand())
    .addCommand(usageCommand())
    .addCommand(budgetCommand())
    .addCommand(bookingCommand())
    .addCommand(deadletterCommand())
    .addCommand(simulateCommand());
  exitOverrideEverywhere(program);
  return program;
}

function exitOverrideEverywhere(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) exitOverrideEverywhere(sub);
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed the message (or the help/version text).
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof UserError) {
      // A refused document: one line per problem, each with where it is.
      const lines = error.issues?.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)) ?? [error.message];
      for (const line of lines) process.stderr.write(`ari: ${line}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`ari: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}

await main(process.argv);
