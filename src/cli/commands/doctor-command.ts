import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { callOperation } from './lazy-backend.js';
import { printJson } from './output.js';
import type { CliIo } from './cli-io.js';
import { CommandExit } from './command-exit.js';

const MARK = { pass: 'ok  ', warn: 'WARN', fail: 'FAIL' } as const;

export function doctorCommand(io: CliIo): Command {
  return new Command('doctor')
    .description('check the database, every workspace and the configuration; exit 1 if a check fails')
    .option('--workspace <slug>', 'check this workspace only')
    .option('--fix', 'repair what is safe to repair (a missing ari_config gets defaults)')
    .option('--live', "also call each configured AI provider's models endpoint (network)")
    .option('--json', 'print {"ok", "checks": [...]} as JSON')
    .action(async (options: { workspace?: string; fix?: boolean; live?: boolean; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'doctor', {
        workspace: options.workspace,
        fix: Boolean(options.fix),
        live: Boolean(options.live),
      });
      if (options.json) {
        printJson(io.stdout, result);
      } else {
        for (const line of result.fixed ?? []) io.stdout.write(`fixed ${line}\n`);
        for (const c of result.checks) {
          const scope = c.workspace ? `[${c.workspace}] ` : '';
          io.stdout.write(`${MARK[c.status]}  ${scope}${c.name}: ${c.detail}\n`);
          if (c.hint && c.status !== 'pass') io.stdout.write(`        hint: ${c.hint}\n`);
        }
        io.stdout.write(result.ok ? 'all checks passed\n' : 'some checks failed\n');
      }
      if (!result.ok) throw new CommandExit(1);
    });
}
