/**
 * `ari playbook`: the built-ins, and the playbook a workspace follows — shown,
 * exported to a file to edit, imported back (JSON or YAML), or switched to a built-in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import YAML from 'yaml';
import { loadConfig } from '../../config/config.js';
import { UserError } from '../../core/user-error.js';
import { callOperation } from './lazy-backend.js';
import { printFields, printJson, printTable } from './output.js';
import type { CliIo } from './cli-io.js';

type Format = 'json' | 'yaml';

export function playbookCommand(io: CliIo): Command {
  const playbook = new Command('playbook').description(
    'what the assistant asks, how it scores a lead and where each conversation goes',
  );

  playbook
    .command('list')
    .description('list the built-in playbooks')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'playbook.list', undefined);
      if (options.json) return printJson(io.stdout, result);
      printTable(
        io.stdout,
        ['ID', 'NAME', 'DESCRIPTION'],
        result.map((p) => [p.id, p.name.en, p.description.en]),
      );
    });

  playbook
    .command('show')
    .description("summarise a workspace's playbook: slots, stages, rubric, routing")
    .requiredOption('--workspace <slug>', 'the workspace')
    .option('--json', 'print the whole playbook (and whether it is a built-in) as JSON')
    .action(async (options: { workspace: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'playbook.show', { slug: options.workspace });
      if (options.json) return printJson(io.stdout, result);
      const { playbook: p } = result;
      const { signals, ...routes } = p.routing;
      printFields(io.stdout, [
        ['id', p.id],
        ['name', p.name.en],
        ['custom', result.custom ? 'yes (its own)' : `no (built-in ${result.playbookId})`],
        ['slots', p.slots.map((s) => (s.required ? s.id : `${s.id}?`)).join(', ')],
        ['stages', p.stages.map((s) => `${s.id} (${s.slots.join(', ') || 'no slots'})`).join('; ')],
        ['rubric', p.rubric.categories.map((c) => `${c.id} ${c.weight}`).join(', ')],
        ['thresholds', `hot >= ${p.rubric.hot}, warm >= ${p.rubric.warm}`],
        [
          'routing',
          [...Object.entries(routes), ...signals.map((s) => [s.signal, s.to])]
            .map(([k, v]) => `${k} → ${v}`)
            .join(', '),
        ],
        ['quiet hours', p.quietHours ? `${p.quietHours.from}-${p.quietHours.to}` : null],
        ['max AI turns', p.maxAiTurns],
      ]);
    });

  playbook
    .command('export')
    .description("write a workspace's playbook as a document to edit (JSON on stdout unless told)")
    .requiredOption('--workspace <slug>', 'the workspace')
    .addOption(new Option('--format <format>', 'the document format').choices(['json', 'yaml']).default('json'))
    .option('--file <path>', 'write to this file instead of stdout')
    .action(async (options: { workspace: string; format: Format; file?: string }) => {
      const { result } = await callOperation(loadConfig(io.env), 'playbook.show', { slug: options.workspace });
      const text =
        options.format === 'yaml' ? YAML.stringify(result.playbook) : `${JSON.stringify(result.playbook, null, 2)}\n`;
      if (!options.file) return void io.stdout.write(text);
      try {
        fs.writeFileSync(options.file, text);
      } catch (error) {
        throw new UserError(`cannot write ${options.file}: ${(error as Error).message}`);
      }
      io.stdout.write(`wrote the playbook of ${options.workspace} to ${options.file}\n`);
    });

  playbook
    .command('import')
    .description("make a playbook document (.json, .yaml or .yml) the workspace's own; a bad one changes nothing")
    .requiredOption('--workspace <slug>', 'the workspace')
    .requiredOption('--file <path>', 'the playbook document')
    .option('--json', 'print the result as JSON')
    .action(async (options: { workspace: string; file: string; json?: boolean }) => {
      const document = readPlaybookFile(options.file);
      const { result } = await callOperation(loadConfig(io.env), 'playbook.set', {
        slug: options.workspace,
        playbook: document,
      });
      if (options.json) return printJson(io.stdout, result);
      io.stdout.write(`${options.workspace} now follows its own playbook "${result.playbook.id}"\n`);
    });

  playbook
    .command('use')
    .description('make a workspace follow a built-in playbook (its own, if any, is dropped)')
    .argument('<id>', 'the built-in playbook (ari playbook list)')
    .requiredOption('--workspace <slug>', 'the workspace')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, options: { workspace: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'playbook.set', { slug: options.workspace, use: id });
      if (options.json) return printJson(io.stdout, result);
      io.stdout.write(`${options.workspace} now follows the built-in playbook "${result.playbookId}"\n`);
    });

  return playbook;
}

/** The document in a file, by its extension; a file that cannot be read or parsed is one clear line. */
function readPlaybookFile(file: string): unknown {
  const extension = path.extname(file).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(extension))
    throw new UserError(`${file}: a playbook file ends in .json, .yaml or .yml`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return extension === '.json' ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new UserError(`${file} is not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${reason}`);
  }
}
