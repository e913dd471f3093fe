/**
 * `ari doctor`: every check the seed plan did by hand, as one report. With `fix`
 * it first repairs what is safe to repair (a missing ari_config gets defaults),
 * then checks again, so the report describes the state after the repair.
 */
import { isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defaultAssistantConfig } from '../assistant-config/default-assistant-config.js';
import { parseInput } from '../core/parse-input.js';
import { migrationStatus } from '../db/migrations.js';
import { ariConfig, workspaces } from '../db/schema.js';
import type { ServiceContext } from '../context/service-context.js';
import { getWorkspaceBySlug } from '../workspaces/get-workspace-by-slug.js';
import { listWorkspaces } from '../workspaces/list-workspaces.js';
import { slugSchema } from '../workspaces/workspace-input.js';
import { check, type DoctorCheck, type DoctorReport } from './doctor-check.js';
import { checkEnvironment } from './environment-checks.js';
import { checkProvidersLive } from './live-checks.js';
import { checkWorkspace } from './workspace-checks.js';

export const doctorInput = z.object({
  workspace: slugSchema.optional(),
  fix: z.boolean().default(false),
  live: z.boolean().default(false),
});
export type DoctorInput = z.input<typeof doctorInput>;
/** All the doctor reads: it needs no queue, workers or events. */
export type DoctorContext = Pick<ServiceContext, 'config' | 'database' | 'prices'>;

/**
 * `scoped`: the report for a workspace key — its own workspace's checks only;
 * nothing about where the database is, the deployment's secrets, or other workspaces.
 */
export async function runDoctor(
  context: DoctorContext,
  input: DoctorInput = {},
  { scoped = false }: { scoped?: boolean } = {},
): Promise<DoctorReport> {
  const options = parseInput(doctorInput, input);
  if (scoped && !options.workspace) throw new Error('a scoped doctor report needs its workspace');
  const { database, config, prices } = context;
  const checks: DoctorCheck[] = [];

  try {
    await database.query('select 1');
    checks.push(
      check(
        'database.reachable',
        'pass',
        scoped ? 'the database answers' : `${database.engine} at ${database.location}`,
      ),
    );
  } catch (error) {
    checks.push(
      check(
        'database.reachable',
        'fail',
        scoped
          ? 'the database does not answer'
          : `${database.engine} at ${database.location}: ${(error as Error).message}`,
      ),
    );
    return report(checks);
  }

  const migrations = await migrationStatus(database);
  checks.push(
    migrations.pending === 0
      ? check('database.migrations', 'pass', `${migrations.applied} of ${migrations.known} migrations applied`)
      : check('database.migrations', 'fail', `${migrations.pending} of ${migrations.known} migrations pending`, {
          hint: 'run ari migrate (ari serve also migrates on start)',
        }),
  );
  if (migrations.pending > 0) return report(checks);

  const fixed = options.fix && !scoped ? await fixMissingConfigs(context, options.workspace) : [];

  const targets = options.workspace
    ? [await getWorkspaceBySlug(database.db, options.workspace)]
    : await listWorkspaces(database.db);
  if (targets.length === 0) {
    checks.push(check('workspace.any', 'warn', 'no workspace yet', { hint: 'ari workspace create --name … --slug …' }));
  }
  for (const workspace of targets)
    checks.push(...(await checkWorkspace(database.db, workspace, config, prices, { scoped })));
  if (scoped) return report(checks);

  const [facts] = await database.db
    .select({
      workspacesWithPhone: sql<number>`count(${workspaces.kapsoPhoneId})::int`,
      workspacesWithStoredKey: sql<number>`count(${workspaces.kapsoApiKeyCiphertext})::int`,
    })
    .from(workspaces);
  checks.push(...checkEnvironment(config, facts ?? { workspacesWithPhone: 0, workspacesWithStoredKey: 0 }));
  if (options.live) checks.push(...(await checkProvidersLive(config)));

  return report(checks, options.fix ? fixed : undefined);
}

async function fixMissingConfigs(context: DoctorContext, slug: string | undefined): Promise<string[]> {
  const { db } = context.database;
  const missing = await db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name })
    .from(workspaces)
    .leftJoin(ariConfig, sql`${ariConfig.workspaceId} = ${workspaces.id}`)
    .where(isNull(ariConfig.id));
  const fixed: string[] = [];
  for (const workspace of missing) {
    if (slug && workspace.slug !== slug) continue;
    const inserted = await db
      .insert(ariConfig)
      .values({ ...defaultAssistantConfig(workspace.name), workspaceId: workspace.id })
      .onConflictDoNothing({ target: ariConfig.workspaceId })
      .returning({ id: ariConfig.id });
    if (inserted.length > 0) fixed.push(`created ari_config with defaults for workspace "${workspace.slug}"`);
  }
  return fixed;
}

function report(checks: DoctorCheck[], fixed?: string[]): DoctorReport {
  return { ok: checks.every((c) => c.status !== 'fail'), checks, ...(fixed ? { fixed } : {}) };
}
