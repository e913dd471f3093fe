import { Command } from 'commander';
import type { ApiKeyRole } from '../../api-keys/api-key-roles.js';
import { DEFAULT_API_KEY_ROLE } from '../../api-keys/create-api-key.js';
import { loadConfig } from '../../config/config.js';
import { callOperation } from './lazy-backend.js';
import { printJson, printTable } from './output.js';
import type { CliIo } from './cli-io.js';

export function tokenCommand(io: CliIo): Command {
  const token = new Command('token').description('workspace API keys: create, list, revoke');
  token
    .command('create')
    .description('create an API key that sees one workspace only (printed once; stored as a hash)')
    .requiredOption('--workspace <slug>', 'the workspace the key belongs to')
    .option('--name <name>', 'a label for the key, e.g. "console" or "zapier"', 'default')
    .option(
      '--role <role>',
      `what the key may do: agent (inbox, replies, leads), manager (+ assistant settings, knowledge, usage, health), owner (+ budgets, model chains, keys)`,
      DEFAULT_API_KEY_ROLE,
    )
    .option('--json', 'print as JSON')
    .action(async (options: { workspace: string; name: string; role: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'token.create', {
        workspace: options.workspace,
        name: options.name,
        role: options.role as ApiKeyRole,
      });
      if (options.json) return printJson(io.stdout, result);
      io.stdout.write(`${result.key}\n`);
      io.stderr.write(
        `API key "${result.name}" (${result.role}) for workspace ${result.workspace}, id ${result.id}; it is shown only this once.\n`,
      );
    });

  token
    .command('list')
    .description('list API keys (never the secret): id, workspace, role, created, last used, revoked')
    .option('--workspace <slug>', "only this workspace's keys")
    .option('--json', 'print as JSON')
    .action(async (options: { workspace?: string; json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'token.list', { workspace: options.workspace });
      if (options.json) return printJson(io.stdout, result);
      printTable(
        io.stdout,
        ['ID', 'WORKSPACE', 'NAME', 'ROLE', 'PREFIX', 'CREATED', 'LAST USED', 'REVOKED'],
        result.map((k) => [k.id, k.workspace, k.name, k.role, k.prefix, k.createdAt, k.lastUsedAt, k.revokedAt]),
      );
    });

  token
    .command('revoke')
    .description('revoke an API key: its next request gets 401')
    .argument('<id>', 'the key id (see ari token list)')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'token.revoke', { id });
      if (options.json) return printJson(io.stdout, result);
      io.stdout.write(`revoked API key ${result.id} ("${result.name}", ${result.role}) at ${result.revokedAt}\n`);
    });
  return token;
}
