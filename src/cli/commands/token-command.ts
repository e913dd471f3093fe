import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { callOperation } from './lazy-backend.js';
import { printJson } from './output.js';

export function tokenCommand(): Command {
  const token = new Command('token').description('workspace API keys');
  token
    .command('create')
    .description('create an API key that sees one workspace only (printed once; stored as a hash)')
    .requiredOption('--workspace <slug>', 'the workspace the key belongs to')
    .option('--name <name>', 'a label for the key, e.g. "console" or "zapier"', 'default')
    .option('--json', 'print as JSON')
    .action(async (options: { workspace: string; name: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(), 'token.create', {
        workspace: options.workspace,
        name: options.name,
      });
      if (options.json) return printJson(result);
      process.stdout.write(`${result.key}\n`);
      process.stderr.write(`API key "${result.name}" for workspace ${result.workspace}; it is shown only this once.\n`);
    });
  return token;
}
