/**
 * The words customers use for numbers, days and parts of the day, Indonesian and English
 * together (people mix them in one message). Regex sources are built from these tables.
 */

export const NUMBER_WORDS: Record<string, number> = {
  satu: 1,
  dua: 2,
  tiga: 3,
  empat: 4,
  lima: 5,
  enam: 6,
  tujuh: 7,
  delapan: 8,
  sembilan: 9,
  sepuluh: 10,
  sebelas: 11,
  'dua belas': 12,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

export const ORDINAL_WORDS: Record<string, number> = {
  pertama: 1,
  kedua: 2,
  ketiga: 3,
  keempat: 4,
  kelima: 5,
  keenam: 6,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  '1st': 1,
  '2nd': 2,
  '3rd': 3,
  '4th': 4,
  '5th': 5,
  '6th': 6,
};

/** 0 = Sunday … 6 = Saturday. ("minggu" is also "week": phrases with depan/ini are read first.) */
export const WEEKDAY_WORDS: Record<string, number> = {
  senin: 1,
  selasa: 2,
  rabu: 3,
  kamis: 4,
  jumat: 5,
  sabtu: 6,
  minggu: 0,
  ahad: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 0,
};

/** Parts of the day: the local hours they cover, and how a bare hour inside them is read. */
export const DAY_PERIODS: Record<string, { from: string; to: string; afternoon: 'yes' | 'no' | 'before-6' }> = {
  pagi: { from: '05:00', to: '11:00', afternoon: 'no' },
  morning: { from: '05:00', to: '12:00', afternoon: 'no' },
  // "jam 11 siang" is 11:00, "jam 2 siang" is 14:00.
  siang: { from: '11:00', to: '15:00', afternoon: 'before-6' },
  sore: { from: '15:00', to: '18:00', afternoon: 'yes' },
  afternoon: { from: '12:00', to: '17:00', afternoon: 'yes' },
  malam: { from: '18:00', to: '24:00', afternoon: 'yes' },
  evening: { from: '17:00', to: '24:00', afternoon: 'yes' },
  night: { from: '18:00', to: '24:00', afternoon: 'yes' },
};

/** `(a|b|c)` of a table's words, longest first so "dua belas" wins over "dua". */
export function alternation(words: Record<string, unknown>): string {
  return `(${Object.keys(words)
    .sort((a, b) => b.length - a.length)
    .join('|')})`;
}

/** A number written as digits or as a word. */
export function numberValue(token: string): number {
  return NUMBER_WORDS[token] ?? Number(token);
}
