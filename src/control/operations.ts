/**
 * The operations the `ari` commands perform. One contract, two ways to run it:
 * in this process on an opened database, or inside the running `ari serve` over
 * its local control socket when that server owns the PGlite directory.
 */
import { z } from 'zod';
import { parseInput } from '../core/parse-input.js';
import { createApiKey, type createApiKeyInput } from '../api-keys/create-api-key.js';
import { listApiKeys } from '../api-keys/list-api-keys.js';
import { revokeApiKey } from '../api-keys/revoke-api-key.js';
import {
  simulateMessage,
  simulateScript,
  type simulateInput,
  type simulateScriptInput,
} from '../conversations/simulate-message.js';
import { setBudget, type SetBudgetInput } from '../budgets/set-budget.js';
import { listDeadLetters, type listDeadLettersInput } from '../dead-letters/list-dead-letters.js';
import { replayDeadLetter, type replayDeadLetterInput } from '../dead-letters/replay-dead-letter.js';
import { bookingOperations } from './booking-operations.js';
import { backupDatabase } from '../db/backup-database.js';
import { applyMigrations } from '../db/migrations.js';
import { runDoctor, type DoctorInput } from '../doctor/run-doctor.js';
import type { ServiceContext } from '../context/service-context.js';
import { getWorkspacePlaybook } from '../playbooks/get-workspace-playbook.js';
import { listBuiltInPlaybooks } from '../playbooks/list-built-in-playbooks.js';
import { setWorkspacePlaybook, type SetWorkspacePlaybookInput } from '../playbooks/set-workspace-playbook.js';
import { getUsageReport } from '../usage/get-usage-report.js';
import { listWorkspacesUsage } from '../usage/list-workspaces-usage.js';
import type { AllWorkspacesUsageInput, UsageReportInput } from '../usage/usage-input.js';
import { createWorkspace } from '../workspaces/create-workspace.js';
import { getWorkspaceBySlug } from '../workspaces/get-workspace-by-slug.js';
import { getWorkspaceDetails } from '../workspaces/get-workspace-details.js';
import { listWorkspaces } from '../workspaces/list-workspaces.js';
import { publicWorkspace } from '../workspaces/public-workspace.js';
import { updateWorkspace } from '../workspaces/update-workspace.js';
import { slugSchema, type CreateWorkspaceInput, type UpdateWorkspaceInput } from '../workspaces/workspace-input.js';

const slugInput = z.object({ slug: slugSchema });

export const operations = {
  migrate: (ctx: ServiceContext) => applyMigrations(ctx.database, ctx.target),
  doctor: (ctx: ServiceContext, input: DoctorInput) => runDoctor(ctx, input),
  // Runs where the database is open: inside `ari serve` when it owns the PGlite directory.
  backup: (ctx: ServiceContext, input: { file: string }) => backupDatabase(ctx.database, ctx.target, input.file),
  'workspace.create': async (ctx: ServiceContext, input: CreateWorkspaceInput) =>
    publicWorkspace(await createWorkspace(ctx.database.db, input)),
  'workspace.list': async (ctx: ServiceContext) => (await listWorkspaces(ctx.database.db)).map(publicWorkspace),
  'workspace.show': async (ctx: ServiceContext, input: { slug: string }) => {
    const details = await getWorkspaceDetails(ctx.database.db, parseInput(slugInput, input).slug);
    return { ...details, workspace: publicWorkspace(details.workspace) };
  },
  'workspace.update': async (ctx: ServiceContext, input: UpdateWorkspaceInput) =>
    publicWorkspace(await updateWorkspace(ctx.database.db, input, ctx.config.encryptionKey)),
  'playbook.list': async () => listBuiltInPlaybooks(),
  'playbook.show': async (ctx: ServiceContext, input: { slug: string }) => {
    const workspace = await getWorkspaceBySlug(ctx.database.db, parseInput(slugInput, input).slug);
    return getWorkspacePlaybook(ctx.database.db, workspace.id);
  },
  'playbook.set': async (ctx: ServiceContext, input: { slug: string } & SetWorkspacePlaybookInput) => {
    const { slug, ...change } = input;
    const workspace = await getWorkspaceBySlug(ctx.database.db, parseInput(slugInput, { slug }).slug);
    const result = await setWorkspacePlaybook(ctx.database.db, workspace.id, change);
    // Open consoles reload the assistant's settings, as after the API's PUT.
    ctx.events.publish(workspace.id, { type: 'settings.changed' });
    return result;
  },
  'token.create': (ctx: ServiceContext, input: z.input<typeof createApiKeyInput>) =>
    createApiKey(ctx.database.db, input),
  'token.list': (ctx: ServiceContext, input: { workspace?: string }) => listApiKeys(ctx.database.db, input),
  'token.revoke': (ctx: ServiceContext, input: { id: string }) => revokeApiKey(ctx.database.db, input),
  'usage.report': (ctx: ServiceContext, input: UsageReportInput) => getUsageReport(ctx.database.db, input),
  'usage.all': (ctx: ServiceContext, input: AllWorkspacesUsageInput) => listWorkspacesUsage(ctx.database.db, input),
  'budget.set': (ctx: ServiceContext, input: SetBudgetInput) => setBudget(ctx.database.db, input),
  'deadletter.list': (ctx: ServiceContext, input: z.input<typeof listDeadLettersInput>) =>
    listDeadLetters(ctx.database.db, input),
  'deadletter.replay': (ctx: ServiceContext, input: z.input<typeof replayDeadLetterInput>) =>
    replayDeadLetter(ctx, input),
  simulate: (ctx: ServiceContext, input: z.input<typeof simulateInput>) => simulateMessage(ctx, input),
  'simulate.script': (ctx: ServiceContext, input: z.input<typeof simulateScriptInput>) => simulateScript(ctx, input),
  ...bookingOperations,
};

/** Operations that need the job workers running (a local run starts them for the call). */
export const NEEDS_WORKERS: ReadonlySet<OperationName> = new Set<OperationName>([
  'simulate',
  'simulate.script',
  'deadletter.replay',
]);

export type OperationName = keyof typeof operations;
export type OperationInput<K extends OperationName> = Parameters<(typeof operations)[K]>[1];
/** Results cross a socket as JSON, so both ways return the JSON form (dates as strings). */
export type OperationOutput<K extends OperationName> = Jsonified<Awaited<ReturnType<(typeof operations)[K]>>>;

export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}

export async function runOperation<K extends OperationName>(
  ctx: ServiceContext,
  name: K,
  input: OperationInput<K>,
): Promise<OperationOutput<K>> {
  const operation = operations[name] as (ctx: ServiceContext, input: unknown) => Promise<unknown>;
  const result = await operation(ctx, input ?? {});
  return JSON.parse(JSON.stringify(result ?? null)) as OperationOutput<K>;
}
