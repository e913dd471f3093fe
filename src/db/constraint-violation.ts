/**
 * The name of the unique or check constraint a failed statement violated, or null.
 * Both engines report PostgreSQL's SQLSTATE; drizzle wraps the driver's error in `cause`.
 */
export function violatedConstraint(error: unknown): string | null {
  for (let e: unknown = error; e instanceof Error || isRecord(e); e = (e as { cause?: unknown }).cause) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if ((code === '23505' || code === '23514' || code === '23503') && typeof constraint === 'string') return constraint;
    if (!('cause' in (e as object))) break;
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
