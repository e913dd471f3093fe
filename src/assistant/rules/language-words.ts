/**
 * What the rules engine knows of Indonesian and English themselves, whatever the
 * business: yes and no, "not sure", time words, money, names, e-mail addresses,
 * and the standard signals (a greeting, a price question, a complaint, a request
 * for a human, a wish to book, "just looking"). Business words live in playbooks.
 *
 * Linear time on any input: every quantifier is bounded, and no two quantifiers
 * can match the same characters in turn, so no text makes a pattern backtrack
 * (a 64 KiB hostile message froze the process before). Callers still pass only a
 * bounded prefix of a message (core/bounded-text.ts).
 */
import type { Language } from '../../core/vocabulary.js';
import type { StandardSignal } from '../playbook/playbook-schema.js';
import type { Timeline } from '../lead/lead-facts.js';

export const YES =
  /^(udah|sudah|sdh|ada|punya|ya|iya|iyaa|yes|yep|yup|sure|of course|tentu|betul|benar|siap|ok|oke|okay)\b/i;
export const NO = /^(belum|blm|gak|ga|nggak|enggak|ngga|tidak|tdk|no|nope|not yet|don't|dont|haven't|havent)\b/i;
export const UNSURE = /\b(belum tahu|belum tau|not sure|don't know|dont know|fleksibel|flexible)\b/i;
export const NEGATED = /\b(belum|blm|tidak|tdk|gak|ga|nggak|bukan|not yet|don't|haven't|no)\b/i;
export const AFFIRMED = /\b(sudah|udah|ada|punya|siap|have|got|ready|lengkap)\b/i;
/** "All my documents are ready": every document slot at once. */
export const ALL_DOCUMENTS =
  /\b(semua|all)\b.{0,20}\b(dokumen|documents?|berkas)\b.{0,25}\b(sudah|udah|ada|lengkap|siap|ready|complete|done)\b/i;
/** A message that is a file: "[image] caption file name" (see rules-turn's readableText). */
export const SENT_FILE = /^\[(image|document)\]/i;

export const STANDARD_SIGNAL_WORDS: Record<Exclude<StandardSignal, 'documents'>, RegExp> = {
  greeting:
    /\b(halo|hallo|hai|hi|hello|hey|selamat (pagi|siang|sore|malam)|good (morning|afternoon|evening)|assalamualaikum|permisi|pagi|siang|sore|malam)\b/i,
  pricing: /\b(biaya(nya)?|harga(nya)?|fees?|costs?|price|pricing|tarif(nya)?|how much|bayar(nya)? berapa)\b/i,
  complaint:
    /\b(kecewa|komplain|complain|complaint|marah|lambat|jelek|buruk|tidak puas|gak puas|nggak puas|disappointed|terrible|awful|bad service|refund|penipu|scam)\b/i,
  human_request:
    /\b(bicara|ngobrol|hubungkan|sambungkan|minta|mau|pengen|ingin)\b.{0,25}\b(manusia|orang|admin|cs|konsultan|staff|staf|tim)\b|\b(talk|speak|chat)\b.{0,20}\b(human|person|someone|agent|consultant|staff|team)\b|\b(real person|human agent|call me|telepon saya|telfon saya)\b/i,
  booking: /\b(jadwal|jadwalkan|konsultasi|booking|book|appointment|schedule|ketemu|meeting)\b/i,
  browsing:
    /\b(nanti dulu|lihat[- ]lihat|liat[- ]liat|cuma tanya|cuma nanya|belum tahu|belum tau|masih bingung|just looking|just browsing|not sure yet|maybe later|later)\b/i,
};

const ENGLISH_WORDS =
  /\b(the|i|i'm|my|you|your|want|need|looking|please|what|how|is|are|have|yes|no|thanks|thank you|hello|hi|good morning|good afternoon|good evening|name|next year|would|like|can|do|does)\b/gi;
const INDONESIAN_WORDS =
  /\b(saya|aku|kak|kakak|mau|ingin|butuh|cari|tanya|apa|bagaimana|gimana|ada|sudah|belum|terima kasih|makasih|halo|selamat|permisi|nama|tahun|depan|dong|ya|iya|tidak|gak|bisa|berapa|untuk|dan|di|ke)\b/gi;

export function detectLanguage(text: string): Language | null {
  const en = text.match(ENGLISH_WORDS)?.length ?? 0;
  const id = text.match(INDONESIAN_WORDS)?.length ?? 0;
  if (en === 0 && id === 0) return null;
  return en > id ? 'en' : 'id';
}

const EMAIL_LOCAL_CHAR = /[\w.+-]/;
/** After the @: one to four dot-separated labels, as long as RFC 5321 allows. */
const EMAIL_DOMAIN = /^[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}/;

/**
 * The first e-mail address, found from each "@" outward: at most 64 characters back
 * and one bounded pattern forward, so a long run of address characters is read once
 * rather than once per starting position.
 */
export function findEmail(text: string): string | undefined {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && EMAIL_LOCAL_CHAR.test(text[start - 1]!)) start--;
    if (start === at) continue;
    const domain = EMAIL_DOMAIN.exec(text.slice(at + 1, at + 1 + 320));
    if (domain) return text.slice(start, at + 1) + domain[0];
  }
  return undefined;
}

/** "Nama saya Budi", "my name is Sarah Lee", or (asked for it) just the name. */
export function readName(text: string, asked: boolean): string | null {
  // "saya" alone introduces a name only at the start ("saya Budi", "Halo, saya Andi") and only a
  // capitalised one or in a short message: "gusi saya bengkak" and "Saya kecewa, lama banget" are no names.
  const stated =
    /(?:\b(nama saya|namaku|nama aku|my name is|i am|i'm)|(?:^|[,.!]|\b(?:halo|hallo|hai|hi|pagi|siang|sore|malam|kak))\s{0,3}saya)\s{1,3}([A-Za-z][A-Za-z'.-]{0,30}(?:\s{1,3}[A-Za-z][A-Za-z'.-]{0,30}){0,3})/i.exec(
      text,
    );
  const notNames =
    /^(mau|ingin|sudah|belum|punya|tertarik|kuliah|dari|di|ke|juga|lagi|sedang|interested|looking|from|a|an|the|planning|going|not|just|ok|okay)\b/i;
  const plainSaya = stated !== null && stated[1] === undefined;
  const likelyName = !plainSaya || /^[A-Z]/.test(stated![2]!) || text.split(/\s+/).length <= 4;
  if (stated && likelyName && !notNames.test(stated[2]!)) return titleCase(trimTrailing(stated[2]!));
  if (
    asked &&
    /^[A-Za-z][A-Za-z'.-]{0,30}(\s{1,3}[A-Za-z][A-Za-z'.-]{0,30}){0,3}$/.test(text) &&
    !YES.test(text) &&
    !NO.test(text)
  ) {
    return titleCase(text);
  }
  return null;
}

/** Stops a stated name at the words that usually follow it ("saya Budi dari Bandung"). */
function trimTrailing(name: string): string {
  return name.split(/\s{1,3}(?:dari|dan|and|from|mau|ingin|want|di|ke|umur|usia)\b/i)[0]!.trim();
}

function titleCase(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

/** "Rp 500 juta", "AUD 40k", "$2,000" as the customer wrote it. */
export function readMoney(text: string): string | null {
  const money =
    /\b(?:rp\.?\s{0,2})?\d{1,12}(?:[.,]\d{1,3}){0,4}\s{0,2}(?:juta|jt|miliar|milyar|m|rb|ribu|k|million|billion)\b|\b(?:rp\.?|idr|usd|aud|\$|£|cad|nzd|sgd)\s{0,2}\d{1,12}(?:[.,]\d{1,3}){0,4}\s{0,2}(?:k|juta|jt|million)?/i.exec(
      text,
    );
  return money ? money[0].trim() : null;
}

/** A start in years from now ("tahun depan", "2027", "3 tahun lagi"), or put off ("nanti dulu"). */
export function readTimeline(lower: string, asked: boolean, now: Date): Timeline | null {
  if (/\b(nanti dulu|nanti saja|belum kepikiran|maybe later|someday|suatu saat)\b/.test(lower)) return { later: true };
  const year = /\b(20[2-4]\d)\b/.exec(lower);
  if (year) return { years: Math.max(0, Number(year[1]) - now.getUTCFullYear()) };
  const inYears = /\b(\d{1,2})\s{0,2}(tahun lagi|years? from now|years?|tahun)\b/.exec(lower);
  if (inYears && (asked || /lagi|from now|in \d/.test(lower))) return { years: Number(inYears[1]) };
  if (
    /\b(tahun depan|next year|semester depan|next semester|intake (januari|februari|juli|september|january|february|july))\b/.test(
      lower,
    )
  )
    return { years: 1 };
  if (
    /\b(secepatnya|segera|hari ini|minggu ini|bulan ini|tahun ini|today|this week|this month|this year|bulan depan|next month|minggu depan|next week|besok|lusa|tomorrow|asap|as soon as possible)\b/.test(
      lower,
    )
  )
    return { years: 0 };
  if (asked && UNSURE.test(lower)) return { later: true };
  return null;
}

/** A number as written: "6,5" is 6.5, "1.200" (Indonesian thousands) is 1200. */
export function parseNumber(written: string): number | null {
  const thousands = /^\d{1,3}(\.\d{3})+$/.test(written);
  const value = Number(thousands ? written.replace(/\./g, '') : written.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}
