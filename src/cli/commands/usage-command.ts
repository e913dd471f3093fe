import { Command, Option } from 'commander';
import { loadConfig } from '../../config/config.js';
import type { UsageFigures } from '../../usage/usage-figures.js';
import { USAGE_GROUPS } from '../../usage/usage-input.js';
import { callOperation } from './lazy-backend.js';
import { printFields, printJson, printTable } from './output.js';
import { printCsv } from './csv-output.js';
import type { CliIo } from './cli-io.js';

const FIGURE_HEADERS = [
  'calls',
  'failed',
  'skipped_budget',
  'unpriced',
  'input_tokens',
  'cached_tokens',
  'output_tokens',
  'reasoning_tokens',
  'cost_usd',
];

function figureCells(f: UsageFigures): Array<string | number> {
  return [
    f.calls,
    f.failedCalls,
    f.skippedByBudget,
    f.unpricedCalls,
    f.inputTokens,
    f.cachedInputTokens,
    f.outputTokens,
    f.reasoningTokens,
    f.costUsd,
  ];
}

export function usageCommand(io: CliIo): Command {
  return new Command('usage')
    .description(
      "AI calls, tokens and cost: one workspace's (by type, model, day or conversation), or every workspace's",
    )
    .option('--workspace <slug>', 'report this workspace; without it, every workspace side by side')
    .option('--from <YYYY-MM-DD>', "first day, in the workspace's time zone (default: the 1st of this month)")
    .option('--to <YYYY-MM-DD>', 'last day, included (default: today)')
    .addOption(new Option('--by <group>', 'one line per group').choices([...USAGE_GROUPS]))
    .option('--limit <n>', 'with --by conversation: the most expensive n conversations', '100')
    .addOption(new Option('--json', 'print the report as JSON').conflicts('csv'))
    .option('--csv', 'print the groups (or workspaces) as CSV')
    .action(
      async (options: {
        workspace?: string;
        from?: string;
        to?: string;
        by?: (typeof USAGE_GROUPS)[number];
        limit: string;
        json?: boolean;
        csv?: boolean;
      }) => {
        const config = loadConfig(io.env);
        if (!options.workspace) {
          const { result } = await callOperation(config, 'usage.all', { from: options.from, to: options.to });
          if (options.json) return printJson(io.stdout, result);
          const rows = result.workspaces.map((w) => [w.workspace.slug, w.from, w.to, ...figureCells(w)]);
          if (options.csv) return printCsv(io.stdout, ['workspace', 'from', 'to', ...FIGURE_HEADERS], rows);
          printTable(io.stdout, ['WORKSPACE', 'FROM', 'TO', ...FIGURE_HEADERS.map((h) => h.toUpperCase())], rows);
          io.stdout.write(`total ${result.totalCostUsd} USD over ${result.totalCalls} calls\n`);
          return;
        }
        const { result } = await callOperation(config, 'usage.report', {
          slug: options.workspace,
          from: options.from,
          to: options.to,
          groupBy: options.by,
          limit: Number(options.limit),
        });
        if (options.json) return printJson(io.stdout, result);
        const keyHeader = options.by ?? 'range';
        const lines = result.groupBy ? result.groups : [{ key: `${result.from}..${result.to}`, ...result.totals }];
        const contactCells = (g: (typeof result.groups)[number]) =>
          result.groupBy === 'conversation'
            ? [g.contact?.name ?? '', g.contact?.phone ?? '', g.contact?.leadStatus ?? '']
            : [];
        const contactHeaders = result.groupBy === 'conversation' ? ['name', 'phone', 'lead'] : [];
        const rows = lines.map((g) => [g.key, ...contactCells(g), ...figureCells(g)]);
        if (options.csv) return printCsv(io.stdout, [keyHeader, ...contactHeaders, ...FIGURE_HEADERS], rows);
        printFields(io.stdout, [
          ['workspace', `${result.workspace.slug} (${result.workspace.timezone})`],
          ['days', `${result.from} to ${result.to}`],
          [
            'calls',
            `${result.totals.calls} (${result.totals.failedCalls} failed, ${result.totals.skippedByBudget} skipped by the budget)`,
          ],
          [
            'tokens',
            `${result.totals.inputTokens} in (${result.totals.cachedInputTokens} cached), ${result.totals.outputTokens} out (${result.totals.reasoningTokens} reasoning)`,
          ],
          ['cost', `${result.totals.costUsd} USD`],
          [
            'per conversation',
            result.costPerConversationUsd
              ? `${result.costPerConversationUsd} USD over ${result.conversations}`
              : 'no conversations',
          ],
          [
            'per hot lead',
            result.costPerHotLeadUsd ? `${result.costPerHotLeadUsd} USD over ${result.hotLeads}` : 'no hot leads',
          ],
          [
            'per booking',
            result.costPerBookingUsd ? `${result.costPerBookingUsd} USD over ${result.bookings}` : 'no bookings',
          ],
          ...result.budgets.map((b): [string, string] => [
            `${b.period} budget`,
            `${b.spentUsd} of ${b.limitUsd} USD (${b.percent}%)${b.alerts.length ? `, alerts at ${b.alerts.join('/')}%` : ''}`,
          ]),
        ]);
        for (const u of result.unpricedModels)
          io.stdout.write(
            `WARN  ${u.provider}/${u.model} has no price: ${u.calls} calls counted at 0 USD (add it with ARI_PRICES_FILE)\n`,
          );
        if (result.groupBy) {
          io.stdout.write('\n');
          printTable(
            io.stdout,
            [
              keyHeader.toUpperCase(),
              ...contactHeaders.map((h) => h.toUpperCase()),
              ...FIGURE_HEADERS.map((h) => h.toUpperCase()),
            ],
            rows,
          );
          if (result.moreGroups > 0) io.stdout.write(`… and ${result.moreGroups} more conversations (--limit)\n`);
        }
      },
    );
}
