/**
 * The answer to "Batalkan jadwal …? Balas YA": only a plain yes ("ya", "iya kak", "yes please",
 * "ya, batalkan") cancels; a no ("tidak", "gak jadi", "jangan", "no") keeps the booking; anything
 * else (a question, "ok", a new request) is neither, and the booking stays as it is.
 */
export function readCancelAnswer(text: string): 'yes' | 'no' | null {
  const words = text
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^\p{L}\p{N}?]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  if (words.length === 0 || words.length > 8) return null;
  if (words.some((word) => NO.has(word) || word.includes('?'))) return NO.has(words[0]!) ? 'no' : null;
  return YES.has(words[0]!) ? 'yes' : null;
}

const YES = new Set([
  'ya',
  'yaa',
  'iya',
  'iyaa',
  'iyah',
  'iye',
  'y',
  'yes',
  'yess',
  'yep',
  'yup',
  'yeah',
  'betul',
  'benar',
]);
const NO = new Set([
  'tidak',
  'tdk',
  'tak',
  'gak',
  'ga',
  'gk',
  'nggak',
  'ngga',
  'enggak',
  'engga',
  'ndak',
  'jangan',
  'jgn',
  'no',
  'nope',
  'dont',
  'not',
]);
