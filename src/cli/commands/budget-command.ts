import { Command, Option } from 'commander';
import { loadConfig } from '../../config/config.js';
import { callOperation } from './lazy-backend.js';
import { printJson, printTable } from './output.js';
import type { CliIo } from './cli-io.js';

/** "none" clears a limit; anything else goes to validation as it is. */
function limit(value: string | undefined): string | null | undefined {
  return value === undefined ? undefined : value.trim().toLowerCase() === 'none' ? null : value;
}

export function budgetCommand(io: CliIo): Command {
  const budget = new Command('budget').description(
    "a workspace's AI budgets (USD, calendar month and day in its time zone)",
  );
  budget
    .command('set')
    .description('set the monthly and/or daily limit and what happens when a paid call does not fit')
    .requiredOption('--workspace <slug>', 'the workspace')
    .option('--monthly <usd>', 'monthly limit in USD, or "none"')
    .option('--daily <usd>', 'daily limit in USD, or "none"')
    .addOption(
      new Option(
        '--when-exhausted <action>',
        'rules: carry on with free links and the rules engine; handoff: a human takes over',
      ).choices(['rules', 'handoff']),
    )
    .option('--json', 'print as JSON')
    .action(
      async (options: {
        workspace: string;
        monthly?: string;
        daily?: string;
        whenExhausted?: 'rules' | 'handoff';
        json?: boolean;
      }) => {
        const { result } = await callOperation(loadConfig(io.env), 'budget.set', {
          slug: options.workspace,
          monthlyUsd: limit(options.monthly),
          dailyUsd: limit(options.daily),
          whenExhausted: options.whenExhausted,
        });
        if (options.json) return printJson(io.stdout, result);
        printTable(
          io.stdout,
          ['PERIOD', 'FROM', 'LIMIT_USD', 'SPENT_USD'],
          result.periods.map((p) => [p.period, p.start, p.limitUsd ?? 'none', p.spentUsd]),
        );
        io.stdout.write(`when exhausted: ${result.whenExhausted}\n`);
      },
    );
  return budget;
}
