/**
 * Text from a webhook made safe to store: PostgreSQL refuses NUL bytes in text
 * (a 500 for the whole delivery), and lone UTF-16 surrogates are not characters.
 * Both are removed; everything else is kept as sent.
 */
export function cleanText(value: string): string {
  return value
    .replaceAll('\u0000', '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** Longest name kept (profile names are short; a 60 KB "name" is an attack, not a name). */
export const MAX_NAME_LENGTH = 256;
/** Longest text stored (WhatsApp allows 4,096 characters; captions and transcripts can be longer). */
export const MAX_TEXT_LENGTH = 16 * 1024;

/** A name cleaned and capped, or null when nothing readable remains. */
export function cleanName(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const clean = truncate(cleanText(value).trim(), MAX_NAME_LENGTH).trim();
  return clean === '' ? null : clean;
}

/** Cuts at a code-point boundary, never inside a surrogate pair. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
