import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { callOperation } from './lazy-backend.js';
import { printFields, printJson, printTable } from './output.js';
import { readSecretOption } from './read-secret-option.js';
import type { CliIo } from './cli-io.js';

export function workspaceCommand(io: CliIo): Command {
  const workspace = new Command('workspace').description('create, list, show and update workspaces (businesses)');

  workspace
    .command('create')
    .description('create a workspace and its assistant settings (with defaults)')
    .requiredOption('--name <name>', 'business name, e.g. "Eagle Overseas Education"')
    .requiredOption('--slug <slug>', 'URL name: lowercase letters, digits, hyphens, e.g. eagle-overseas')
    .option('--kapso-phone-id <id>', 'WhatsApp phone-number id that routes messages to this workspace')
    .option('--timezone <tz>', 'IANA time zone for greetings, days and budgets', 'Asia/Jakarta')
    .option('--playbook <id>', 'the built-in playbook its assistant follows (ari playbook list)')
    .option('--json', 'print the workspace as JSON')
    .action(
      async (options: {
        name: string;
        slug: string;
        kapsoPhoneId?: string;
        timezone: string;
        playbook?: string;
        json?: boolean;
      }) => {
        const { result } = await callOperation(loadConfig(io.env), 'workspace.create', {
          name: options.name,
          slug: options.slug,
          kapsoPhoneId: options.kapsoPhoneId,
          timezone: options.timezone,
          playbookId: options.playbook,
        });
        if (options.json) return printJson(io.stdout, result);
        io.stdout.write(`created workspace ${result.slug} (${result.id}) with an enabled assistant\n`);
      },
    );

  workspace
    .command('list')
    .description('list every workspace')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'workspace.list', undefined);
      if (options.json) return printJson(io.stdout, result);
      printTable(
        io.stdout,
        ['SLUG', 'NAME', 'PHONE ID', 'TIMEZONE', 'ASSISTANT'],
        result.map((w) => [
          w.slug,
          w.name,
          w.kapsoPhoneId,
          w.timezone,
          w.assistantEnabled === null ? 'missing' : w.assistantEnabled ? 'on' : 'off',
        ]),
      );
    });

  workspace
    .command('show')
    .description('show one workspace and its assistant settings')
    .argument('<slug>', 'the workspace slug')
    .option('--json', 'print as JSON')
    .action(async (slug: string, options: { json?: boolean }) => {
      const { result } = await callOperation(loadConfig(io.env), 'workspace.show', { slug });
      if (options.json) return printJson(io.stdout, result);
      const { workspace: w, assistant: a } = result;
      printFields(io.stdout, [
        ['slug', w.slug],
        ['name', w.name],
        ['id', w.id],
        ['kapso phone id', w.kapsoPhoneId],
        ['timezone', w.timezone],
        ['created', w.createdAt],
        ['assistant', a === null ? 'missing (ari doctor --fix)' : a.enabled ? 'enabled' : 'disabled'],
        ['bot name', a?.botName],
        ['language', a?.language],
        ['playbook', a ? (a.playbook == null ? a.playbookId : 'its own (ari playbook show)') : null],
        ['knowledge entries', a?.knowledgeEntries.length],
      ]);
    });

  workspace
    .command('update')
    .description("change a workspace's name, phone id or time zone")
    .argument('<slug>', 'the workspace slug')
    .option('--name <name>', 'new business name')
    .option('--kapso-phone-id <id>', 'new WhatsApp phone-number id')
    .option('--clear-kapso-phone-id', 'remove the phone id')
    .option('--timezone <tz>', 'new IANA time zone')
    .option(
      '--kapso-api-key <source>',
      "this workspace's own Kapso API key (stored encrypted; needs ARI_ENCRYPTION_KEY): `-` reads it from stdin, `env:NAME` from an environment variable",
    )
    .option('--clear-kapso-api-key', 'remove the workspace key (KAPSO_API_KEY is used)')
    .option('--json', 'print the workspace as JSON')
    .action(
      async (
        slug: string,
        options: {
          name?: string;
          kapsoPhoneId?: string;
          clearKapsoPhoneId?: boolean;
          timezone?: string;
          kapsoApiKey?: string;
          clearKapsoApiKey?: boolean;
          json?: boolean;
        },
      ) => {
        const kapsoApiKey = options.clearKapsoApiKey
          ? null
          : options.kapsoApiKey === undefined
            ? undefined
            : await readSecretOption('--kapso-api-key', options.kapsoApiKey, io.env, io.stdin);
        const { result } = await callOperation(loadConfig(io.env), 'workspace.update', {
          slug,
          name: options.name,
          kapsoPhoneId: options.clearKapsoPhoneId ? null : options.kapsoPhoneId,
          timezone: options.timezone,
          kapsoApiKey,
        });
        if (options.json) return printJson(io.stdout, result);
        io.stdout.write(`updated workspace ${result.slug}\n`);
      },
    );

  return workspace;
}
