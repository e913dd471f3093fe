/**
 * The one way ARI writes a phone number: E.164 ("+6281234567890"), parsed by
 * libphonenumber-js. Local numbers ("0812…") are read in the workspace's country
 * (Indonesia by default); bare international digits ("6281…", Meta's wa_id) get a "+".
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { UserError } from './user-error.js';

export function normalizePhone(raw: string, defaultCountry: CountryCode = 'ID'): string {
  const compact = raw.trim().replace(/[\s().-]/g, '');
  let candidate = compact;
  if (candidate.startsWith('00')) candidate = `+${candidate.slice(2)}`;
  else if (/^[1-9]\d{7,14}$/.test(candidate)) candidate = `+${candidate}`;
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry);
  if (!parsed?.isPossible()) throw new UserError(`not a phone number: "${raw}"`);
  return parsed.number;
}
