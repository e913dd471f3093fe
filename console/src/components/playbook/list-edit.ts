/** Immutable list edits for the playbook editor. */

export const replaceAt = <T>(list: readonly T[], index: number, item: T): T[] =>
  list.map((current, i) => (i === index ? item : current));

export const patchAt = <T extends object>(list: readonly T[], index: number, patch: Partial<T>): T[] =>
  list.map((current, i) => (i === index ? { ...current, ...patch } : current));

export const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);

/** Moves an item one place up (-1) or down (+1); at either end it stays. */
export function moveBy<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}
