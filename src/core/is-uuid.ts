const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else names nothing (and must not reach the database as a cast error). */
export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID.test(value);
}
