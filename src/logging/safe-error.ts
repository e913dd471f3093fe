/**
 * The `err` serializer of every log line. A failed query's error carries the
 * query's parameters — a customer's text and phone number — in its message,
 * stack and fields (drizzle's DrizzleQueryError; PostgreSQL's `detail` quotes
 * values too). Logs get the database's code and message alone; other errors
 * keep pino's standard form.
 */
import { stdSerializers } from 'pino';

interface DatabaseFailure {
  code?: unknown;
  message?: unknown;
  severity?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
}

export function safeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const database = databaseFailure(error);
  if (!database) return stdSerializers.err(error);
  const { code, message, severity, constraint, table, column } = database.cause;
  return {
    type: database.type,
    message: typeof message === 'string' ? message : 'database error',
    ...(code ? { code } : {}),
    ...(severity ? { severity } : {}),
    ...(constraint ? { constraint } : {}),
    ...(table ? { table } : {}),
    ...(column ? { column } : {}),
  };
}

/** The error from the database under a query error, if this is one. */
function databaseFailure(error: Error): { type: string; cause: DatabaseFailure } | null {
  const hasParams = 'params' in error || 'query' in error;
  const cause = (error as { cause?: unknown }).cause;
  if (hasParams) {
    return {
      type: error.constructor.name,
      cause: cause instanceof Error ? (cause as DatabaseFailure) : { message: 'the query failed' },
    };
  }
  // pg's DatabaseError and PGlite's carry an SQLSTATE code and may quote values in `detail`.
  if (typeof (error as { code?: unknown }).code === 'string' && 'severity' in error) {
    return { type: error.constructor.name, cause: error as DatabaseFailure };
  }
  return null;
}
