/**
 * Per-workspace checks: the ones the seed plan did by hand in a dashboard
 * (slug resolves, phone id resolves back to it alone, settings exist and are on).
 */
import { eq, sql } from 'drizzle-orm';
import { findPrice, type PriceEntry } from '../prices/price-table.js';
import { selectRows } from '../db/select-rows.js';
import { chainFor } from '../assistant-config/default-chains.js';
import { assistantConfigProblems } from '../assistant-config/validate-assistant-config.js';
import { isProviderConfigured } from '../config/is-provider-configured.js';
import type { Config } from '../config/config.js';
import type { AriDatabase } from '../db/open-database.js';
import { ariConfig, workspaces } from '../db/schema.js';
import type { Workspace } from '../workspaces/create-workspace.js';
import { checkReconciliation } from './check-reconciliation.js';
import { check, type DoctorCheck } from './doctor-check.js';

export async function checkWorkspace(
  db: AriDatabase,
  workspace: Workspace,
  deployment: Config,
  prices: PriceEntry[],
  /** For a workspace key: other workspaces are not named. */
  { scoped = false }: { scoped?: boolean } = {},
): Promise<DoctorCheck[]> {
  const ws = workspace.slug;
  const checks: DoctorCheck[] = [];

  const bySlug = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, ws));
  checks.push(
    bySlug.length === 1 && bySlug[0]!.id === workspace.id
      ? check('workspace.slug', 'pass', `slug "${ws}" resolves to workspace ${workspace.id}`, { workspace: ws })
      : check('workspace.slug', 'fail', `slug "${ws}" does not resolve to workspace ${workspace.id}`, {
          workspace: ws,
        }),
  );

  if (workspace.kapsoPhoneId === null) {
    checks.push(
      check(
        'workspace.phone_id',
        'warn',
        'no kapso_phone_id: WhatsApp messages cannot reach this workspace (sandbox only)',
        {
          workspace: ws,
          hint: `ari workspace update ${ws} --kapso-phone-id <WhatsApp phone-number id>`,
        },
      ),
    );
  } else {
    const owners = await db
      .select({ slug: workspaces.slug })
      .from(workspaces)
      .where(eq(workspaces.kapsoPhoneId, workspace.kapsoPhoneId));
    const others = owners.filter((o) => o.slug !== ws).map((o) => o.slug);
    checks.push(
      others.length === 0 && owners.length === 1
        ? check('workspace.phone_id', 'pass', `phone id ${workspace.kapsoPhoneId} resolves to this workspace only`, {
            workspace: ws,
          })
        : check(
            'workspace.phone_id',
            'fail',
            scoped
              ? `phone id ${workspace.kapsoPhoneId} is also claimed by another workspace`
              : `phone id ${workspace.kapsoPhoneId} is also claimed by: ${others.join(', ')}`,
            {
              workspace: ws,
              hint: 'give each workspace its own WhatsApp number',
            },
          ),
    );
  }

  const configs = await db.select().from(ariConfig).where(eq(ariConfig.workspaceId, workspace.id));
  const config = configs[0];
  if (!config) {
    checks.push(
      check('assistant.config', 'fail', 'no ari_config: the assistant cannot answer this workspace', {
        workspace: ws,
        hint: `ari doctor --workspace ${ws} --fix creates one with defaults`,
      }),
    );
  } else {
    const problems = assistantConfigProblems(config);
    checks.push(
      problems.length === 0
        ? check('assistant.config', 'pass', 'ari_config exists, belongs to this workspace and is valid', {
            workspace: ws,
          })
        : check('assistant.config', 'fail', `ari_config is not usable: ${problems.slice(0, 3).join('; ')}`, {
            workspace: ws,
            hint: 'fix the settings, or the playbook (ari playbook import, or ari playbook use <id>)',
          }),
    );
    checks.push(
      config.enabled
        ? check('assistant.enabled', 'pass', 'the assistant is enabled', { workspace: ws })
        : check('assistant.enabled', 'warn', 'the assistant is disabled: it will not answer customers', {
            workspace: ws,
            hint: 'enable it in the console (Assistant settings) or the API',
          }),
    );
    for (const [aiType, configured] of [
      ['mouth', config.mouthChain],
      ['brain', config.brainChain],
    ] as const) {
      const chain = chainFor(deployment, aiType, configured);
      const missing = chain
        .filter((link) => !isProviderConfigured(deployment, link.provider))
        .map((l) => `${l.provider}/${l.model}`);
      checks.push(
        missing.length === 0
          ? check(`assistant.${aiType}_chain`, 'pass', chain.map((l) => `${l.provider}/${l.model}`).join(' → '), {
              workspace: ws,
            })
          : check(
              `assistant.${aiType}_chain`,
              'fail',
              `the ${aiType} chain names providers without a key: ${missing.join(', ')}`,
              {
                workspace: ws,
                hint: 'set the provider key, or remove the link from the chain',
              },
            ),
      );
      const unpriced = chain
        .filter((link) => !findPrice(prices, link.provider, link.model, new Date()))
        .map((l) => `${l.provider}/${l.model}`);
      if (unpriced.length > 0) {
        checks.push(
          check(
            `assistant.${aiType}_prices`,
            'warn',
            `no known price for ${unpriced.join(', ')}: calls are metered at 0 USD and refused where a budget is set`,
            {
              workspace: ws,
              hint: 'add the model to ARI_PRICES_FILE (see .env.example)',
            },
          ),
        );
      }
    }
  }
  checks.push(await checkUnpricedUsage(db, workspace));
  const reconciliation = await checkReconciliation(db, workspace);
  if (reconciliation) checks.push(reconciliation);
  return checks;
}

/** Calls already recorded without a price in the last 30 days. */
async function checkUnpricedUsage(db: AriDatabase, workspace: Workspace): Promise<DoctorCheck> {
  const rows = await selectRows<{ model: string; calls: string }>(
    db,
    sql`select provider || '/' || model as model, sum(calls)::text as calls from ai_usage_rollup
        where workspace_id = ${workspace.id} and unpriced and outcome <> 'skipped_budget' and day > current_date - 31
        group by 1 order by 1`,
  );
  return rows.length === 0
    ? check('usage.unpriced', 'pass', 'every AI call of the last 30 days was priced', { workspace: workspace.slug })
    : check(
        'usage.unpriced',
        'warn',
        `unpriced calls in the last 30 days (counted at 0 USD): ${rows.map((r) => `${r.model} ×${r.calls}`).join(', ')}`,
        {
          workspace: workspace.slug,
          hint: 'add these models to ARI_PRICES_FILE; new calls are then priced (recorded ones keep their cost)',
        },
      );
}
