import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { callOperation } from '../lazy-backend.js';
import { printJson } from '../output.js';

export function simulateCommand(): Command {
  return new Command('simulate')
    .description('send a customer message through the sandbox channel and print the reply')
    .requiredOption('--workspace <slug>', 'the workspace to talk to')
    .requiredOption('--from <phone>', 'the customer phone number, e.g. +6281234567890 or 0812…')
    .option('--name <name>', 'the customer profile name')
    .option('--timeout <ms>', 'how long to wait for the reply', '30000')
    .option('--json', 'print the stored conversation as JSON')
    .argument('<message...>', 'the message text')
    .action(async (words: string[], options: { workspace: string; from: string; name?: string; timeout: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(), 'simulate', {
        workspace: options.workspace,
        from: options.from,
        name: options.name,
        text: words.join(' '),
        timeoutMs: Number(options.timeout),
      });
      if (options.json) return printJson(result);
      if (result.reply === null) process.stdout.write('(no reply: the assistant is off or a human has this conversation)\n');
      else process.stdout.write(`${result.reply}\n`);
    });
}
