/** Checks of the deployment's configuration (keys, secrets, tokens). Pure. */
import type { Config } from '../config/config.js';
import { check, type DoctorCheck } from './doctor-check.js';

export interface DeploymentFacts {
  workspacesWithPhone: number;
  workspacesWithStoredKey: number;
}

export function checkEnvironment(config: Config, facts: DeploymentFacts): DoctorCheck[] {
  const { workspacesWithPhone, workspacesWithStoredKey } = facts;
  const checks: DoctorCheck[] = [];

  checks.push(
    config.providers.grok.apiKey
      ? check('ai.grok_key', 'pass', 'GROK_API_KEY is set')
      : check('ai.grok_key', 'warn', 'GROK_API_KEY is not set: the assistant runs on the offline rules engine', {
          hint: 'set GROK_API_KEY (or XAI_API_KEY) to use Grok',
        }),
  );

  const { kapsoSecret, metaAppSecret, metaVerifyToken } = config.webhooks;
  const anySecret = Boolean(kapsoSecret || metaAppSecret);
  // Without a secret every delivery is refused (401): never accepted unverified.
  const missingStatus = workspacesWithPhone > 0 && !anySecret ? 'fail' : 'warn';
  checks.push(
    kapsoSecret
      ? check('webhook.kapso_secret', 'pass', 'KAPSO_WEBHOOK_SECRET is set')
      : check(
          'webhook.kapso_secret',
          missingStatus,
          'KAPSO_WEBHOOK_SECRET is not set: Kapso webhooks are refused (401)',
          {
            hint: "set KAPSO_WEBHOOK_SECRET to the webhook's secret in Kapso",
          },
        ),
  );
  checks.push(
    metaAppSecret && metaVerifyToken
      ? check('webhook.meta_secret', 'pass', 'META_APP_SECRET and META_VERIFY_TOKEN are set')
      : check(
          'webhook.meta_secret',
          missingStatus,
          'META_APP_SECRET or META_VERIFY_TOKEN is not set: Meta webhooks are refused',
          { hint: 'set both to use the Meta Cloud API directly' },
        ),
  );

  checks.push(
    config.encryptionKey
      ? check('secrets.encryption_key', 'pass', 'ARI_ENCRYPTION_KEY is set: per-workspace secrets are stored encrypted')
      : check(
          'secrets.encryption_key',
          workspacesWithStoredKey > 0 ? 'fail' : 'warn',
          workspacesWithStoredKey > 0
            ? `ARI_ENCRYPTION_KEY is not set but ${workspacesWithStoredKey} workspace(s) have a stored Kapso key that cannot be read`
            : 'ARI_ENCRYPTION_KEY is not set: per-workspace Kapso API keys cannot be saved',
          { hint: 'set ARI_ENCRYPTION_KEY to 64 hex characters (openssl rand -hex 32) and keep it safe' },
        ),
  );

  checks.push(
    config.adminToken
      ? config.adminToken.length >= 24
        ? check('api.admin_token', 'pass', 'ARI_ADMIN_TOKEN is set')
        : check('api.admin_token', 'warn', 'ARI_ADMIN_TOKEN is shorter than 24 characters', {
            hint: 'use a long random token, e.g. openssl rand -hex 32',
          })
      : check('api.admin_token', 'warn', 'ARI_ADMIN_TOKEN is not set: the admin API and console sign-in are off', {
          hint: 'set ARI_ADMIN_TOKEN to a long random token',
        }),
  );
  return checks;
}
