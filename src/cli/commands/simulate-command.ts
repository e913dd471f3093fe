import fs from 'node:fs';
import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { UserError } from '../../core/user-error.js';
import { callOperation } from './lazy-backend.js';
import { printFields, printJson } from './output.js';
import type { CliIo } from './cli-io.js';

interface SimulateOptions {
  workspace: string;
  from: string;
  name?: string;
  script?: string;
  timeout: string;
  json?: boolean;
}

export function simulateCommand(io: CliIo): Command {
  return new Command('simulate')
    .description('talk to the assistant as a customer through the sandbox channel and print the replies')
    .requiredOption('--workspace <slug>', 'the workspace to talk to')
    .requiredOption('--from <phone>', 'the customer phone number, e.g. +6281234567890 or 0812…')
    .option('--name <name>', 'the customer profile name')
    .option('--script <file>', 'a whole conversation: one customer message per line (# comments, blank lines skipped)')
    .option('--timeout <ms>', 'how long to wait for each reply', '30000')
    .option('--json', 'print the conversation (and with --script, the final lead) as JSON')
    .argument('[message...]', 'the message text (without --script)')
    .action(async (words: string[], options: SimulateOptions) => {
      const config = loadConfig(io.env);
      const base = {
        workspace: options.workspace,
        from: options.from,
        name: options.name,
        timeoutMs: Number(options.timeout),
      };
      if (options.script) {
        const { result } = await callOperation(config, 'simulate.script', {
          ...base,
          messages: readScript(options.script),
        });
        if (options.json) return printJson(io.stdout, result);
        for (const turn of result.turns) {
          io.stdout.write(`> ${turn.customer}\n< ${turn.reply ?? '(no reply: a human has this conversation)'}\n`);
        }
        const f = result.final;
        io.stdout.write('\n');
        printFields(io.stdout, [
          ['score', f.leadScore],
          ['temperature', f.leadTemperature],
          ['state', f.state],
          ['mode', f.mode],
          ['next action', f.nextAction],
          ['handoff', f.handoffReason],
          ['AI calls', f.aiCalls],
          ['cost (USD)', f.costUsd],
        ]);
        return;
      }
      if (words.length === 0) throw new UserError('give the message text, or --script <file>');
      const { result } = await callOperation(config, 'simulate', { ...base, text: words.join(' ') });
      if (options.json) return printJson(io.stdout, result);
      if (result.reply === null) io.stdout.write('(no reply: the assistant is off or a human has this conversation)\n');
      else io.stdout.write(`${result.reply}\n`);
    });
}

function readScript(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`cannot read the script ${file}`);
  }
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
