/**
 * One value of a choice slot with its words per language, so the built-in
 * playbooks read as a table of values rather than nested objects.
 */
export function choice(value: string, id: string[], en: string[], meansNo = false) {
  return { value, words: { id, en }, meansNo };
}
