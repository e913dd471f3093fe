/**
 * Keyset paging: a cursor is the sort key of the last row of a page, opaque to
 * the caller (base64url JSON). The next page starts strictly after it, so a row
 * is on exactly one page even while rows are added. Pure.
 */
import { UserError } from './user-error.js';

export function encodeCursor(key: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key a cursor holds; `shape` says each element's type. A cursor that is not one of ours is a 400. */
export function decodeCursor<T extends ReadonlyArray<'string' | 'number'>>(
  cursor: string,
  shape: T,
): { [K in keyof T]: T[K] extends 'number' ? number : string } {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  if (
    !Array.isArray(key) ||
    key.length !== shape.length ||
    key.some((v, i) => typeof v !== shape[i] || (typeof v === 'number' && !Number.isFinite(v)))
  ) {
    throw new UserError('cursor is not one this server gave (use nextCursor from the previous page)');
  }
  return key as never;
}
