/**
 * A provider that fails several calls in a row is skipped for a while, so a dead
 * endpoint costs one timeout per cool-down instead of one per customer message.
 */
export const FAILURES_BEFORE_COOLDOWN = 3;
export const COOLDOWN_MS = 60_000;

export class ProviderCooldown {
  private readonly state = new Map<string, { failures: number; until: number }>();

  isCooling(key: string, now = Date.now()): boolean {
    return (this.state.get(key)?.until ?? 0) > now;
  }

  recordFailure(key: string, now = Date.now()): void {
    const current = this.state.get(key) ?? { failures: 0, until: 0 };
    const failures = current.failures + 1;
    this.state.set(key, { failures, until: failures >= FAILURES_BEFORE_COOLDOWN ? now + COOLDOWN_MS : current.until });
  }

  recordSuccess(key: string): void {
    this.state.delete(key);
  }
}

/** One per process: every workspace shares what it learns about a provider. */
export const providerCooldown = new ProviderCooldown();
