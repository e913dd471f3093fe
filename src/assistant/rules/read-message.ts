/**
 * The offline rules engine's reading of one customer message, in Indonesian or
 * English: the facts it states (slot filling, with the question it answers as
 * context) and the signals it carries (pricing, complaint, human request…).
 * Pure: the clock comes in as an argument.
 *
 * Linear time on any input: every quantifier is bounded, and no two quantifiers
 * can match the same characters in turn, so no text makes a pattern backtrack
 * (a 64 KiB hostile message froze the process before). Callers still pass only a
 * bounded prefix of a message (core/bounded-text.ts).
 */
import type { Language } from '../../core/vocabulary.js';
import { DOCUMENTS, type DocumentName, type EducationLevel, type LeadFacts, type Slot } from '../lead/lead-facts.js';

export interface MessageSignals {
  greeting: boolean;
  pricing: boolean;
  complaint: boolean;
  humanRequest: boolean;
  booking: boolean;
  /** The customer named a document or sent one (a bare "yes" to a document question is not one). */
  documents: boolean;
  /** "nanti dulu", "cuma lihat-lihat", "just looking". */
  browsing: boolean;
}

export interface Reading {
  facts: LeadFacts;
  signals: MessageSignals;
  language: Language | null;
}

const YES = /^(udah|sudah|sdh|ada|punya|ya|iya|iyaa|yes|yep|yup|sure|of course|tentu|betul|benar|siap|ok|oke|okay)\b/i;
const NO = /^(belum|blm|gak|ga|nggak|enggak|ngga|tidak|tdk|no|nope|not yet|don't|dont|haven't|havent)\b/i;

const COUNTRIES: Array<[RegExp, string]> = [
  [/\baustralia\b/i, 'Australia'],
  [/\b(inggris|uk|united kingdom|england|britain|london)\b/i, 'United Kingdom'],
  [/\b(kanada|canada)\b/i, 'Canada'],
  [/\b(amerika|usa|united states|america)\b|\bus\b/i, 'United States'],
  [/\b(selandia baru|new zealand|nz)\b/i, 'New Zealand'],
  [/\b(jepang|japan)\b/i, 'Japan'],
  [/\b(jerman|germany)\b/i, 'Germany'],
  [/\b(belanda|netherlands|holland)\b/i, 'Netherlands'],
  [/\b(singapura|singapore)\b/i, 'Singapore'],
  [/\bmalaysia\b/i, 'Malaysia'],
  [/\b(korea|korea selatan|south korea)\b/i, 'South Korea'],
  [/\b(irlandia|ireland)\b/i, 'Ireland'],
  [/\b(prancis|perancis|france)\b/i, 'France'],
];

const LEVELS: Array<[RegExp, EducationLevel]> = [
  [/\b(s3|phd|ph\.d|doktor|doctorate|doctoral)\b/i, 'phd'],
  [/\b(s2|master|masters|master's|magister|pascasarjana|postgraduate|mba)\b/i, 'master'],
  [/\b(s1|sarjana|bachelor|bachelor's|undergraduate|undergrad|kuliah s1)\b/i, 'bachelor'],
  [/\b(d3|d4|diploma)\b/i, 'diploma'],
  [/\b(foundation|sma|high school|smk)\b/i, 'foundation'],
];

const DOCUMENT_WORDS: Array<[RegExp, DocumentName]> = [
  [/\b(paspor|passport)\b/i, 'passport'],
  [/\b(cv|resume|curriculum vitae|daftar riwayat hidup)\b/i, 'cv'],
  [
    /\b(sertifikat|certificate)\b.{0,40}\b(ielts|toefl|pte)\b|\b(ielts|toefl|pte)\b.{0,40}\b(sertifikat|certificate)\b/i,
    'english_certificate',
  ],
  [/\b(transkrip|transcript|ijazah)\b/i, 'transcript'],
];

const SIGNALS: Record<Exclude<keyof MessageSignals, 'documents'>, RegExp> = {
  greeting:
    /\b(halo|hallo|hai|hi|hello|hey|selamat (pagi|siang|sore|malam)|good (morning|afternoon|evening)|assalamualaikum|permisi|pagi|siang|sore|malam)\b/i,
  pricing: /\b(biaya(nya)?|harga(nya)?|fees?|costs?|price|pricing|tarif(nya)?|how much|bayar(nya)? berapa)\b/i,
  complaint:
    /\b(kecewa|komplain|complain|complaint|marah|lambat|lama banget|jelek|buruk|parah|tidak puas|gak puas|nggak puas|disappointed|terrible|awful|bad service|refund|penipu|scam)\b/i,
  humanRequest:
    /\b(bicara|ngobrol|hubungkan|sambungkan|minta|mau|pengen|ingin)\b.{0,25}\b(manusia|orang|admin|cs|konsultan|staff|staf|tim)\b|\b(talk|speak|chat)\b.{0,20}\b(human|person|someone|agent|consultant|staff|team)\b|\b(real person|human agent|call me|telepon saya|telfon saya)\b/i,
  booking:
    /\b(jadwal|jadwalkan|konsultasi|booking|book|appointment|schedule|ketemu|meeting|daftar sekarang|sign up|register)\b/i,
  browsing:
    /\b(nanti dulu|lihat[- ]lihat|liat[- ]liat|cuma tanya|cuma nanya|belum tahu|belum tau|masih bingung|just looking|just browsing|not sure yet|maybe later|later)\b/i,
};

const ENGLISH_WORDS =
  /\b(the|i|i'm|my|you|your|want|study|please|what|how|is|are|have|yes|no|thanks|thank you|hello|hi|name|next year|would|like|can|do|does)\b/gi;
const INDONESIAN_WORDS =
  /\b(saya|aku|kak|kakak|mau|ingin|kuliah|apa|bagaimana|gimana|ada|sudah|belum|terima kasih|makasih|halo|nama|tahun|depan|dong|ya|iya|tidak|gak|bisa|berapa|untuk|dan|di|ke)\b/gi;

const EMAIL_LOCAL_CHAR = /[\w.+-]/;
/** After the @: one to four dot-separated labels, as long as RFC 5321 allows. */
const EMAIL_DOMAIN = /^[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}/;

/**
 * The first e-mail address, found from each "@" outward: at most 64 characters back
 * and one bounded pattern forward, so a long run of address characters is read once
 * rather than once per starting position.
 */
function findEmail(text: string): string | undefined {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && EMAIL_LOCAL_CHAR.test(text[start - 1]!)) start--;
    if (start === at) continue;
    const domain = EMAIL_DOMAIN.exec(text.slice(at + 1, at + 1 + 320));
    if (domain) return text.slice(start, at + 1) + domain[0];
  }
  return undefined;
}

export function detectLanguage(text: string): Language | null {
  const en = text.match(ENGLISH_WORDS)?.length ?? 0;
  const id = text.match(INDONESIAN_WORDS)?.length ?? 0;
  if (en === 0 && id === 0) return null;
  return en > id ? 'en' : 'id';
}

export function readMessage(text: string, askedSlot: Slot | null, known: LeadFacts, now: Date): Reading {
  const facts: LeadFacts = { ...known, documents: { ...known.documents } };
  const clean = text.trim();
  const lower = clean.toLowerCase();

  const name = readName(clean, askedSlot);
  if (name) facts.name = name;
  const email = findEmail(clean);
  if (email) facts.email = email.toLowerCase();
  const country = COUNTRIES.find(([pattern]) => pattern.test(clean))?.[1];
  if (country) facts.destination = country;
  const level = LEVELS.find(([pattern]) => pattern.test(clean))?.[1];
  if (level) facts.educationLevel = level;
  const budget = readBudget(clean, askedSlot);
  if (budget) facts.budget = budget;
  readTimeline(lower, askedSlot, now, facts);
  readEnglish(lower, askedSlot, facts);
  const documentsMentioned = readDocuments(lower, askedSlot, facts);

  const signals: MessageSignals = {
    greeting: SIGNALS.greeting.test(clean),
    pricing: SIGNALS.pricing.test(clean),
    complaint: SIGNALS.complaint.test(clean),
    humanRequest: SIGNALS.humanRequest.test(clean),
    booking: SIGNALS.booking.test(clean),
    documents: documentsMentioned,
    browsing: SIGNALS.browsing.test(clean),
  };
  return { facts, signals, language: detectLanguage(clean) };
}

function readName(text: string, askedSlot: Slot | null): string | null {
  const stated =
    /\b(?:nama saya|namaku|nama aku|my name is|i am|i'm|saya)\s{1,3}([A-Za-z][A-Za-z'.-]{0,30}(?:\s{1,3}[A-Za-z][A-Za-z'.-]{0,30}){0,3})/i.exec(
      text,
    );
  const notNames =
    /^(mau|ingin|sudah|belum|punya|tertarik|kuliah|dari|di|ke|juga|lagi|sedang|interested|looking|from|a|an|the|planning|going|not|just|ok|okay)\b/i;
  if (stated && !notNames.test(stated[1]!)) return titleCase(trimTrailing(stated[1]!));
  // Answering "what is your name?" with just the name.
  if (
    askedSlot === 'name' &&
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

function readBudget(text: string, askedSlot: Slot | null): string | null {
  const money =
    /\b(?:rp\.?\s{0,2})?\d{1,12}(?:[.,]\d{1,3}){0,4}\s{0,2}(?:juta|jt|miliar|milyar|m|rb|ribu|k|million|billion)\b|\b(?:rp\.?|idr|usd|aud|\$|£|cad|nzd|sgd)\s{0,2}\d{1,12}(?:[.,]\d{1,3}){0,4}\s{0,2}(?:k|juta|jt|million)?/i.exec(
      text,
    );
  if (money) return money[0].trim();
  if (/\b(beasiswa|scholarship)\b/i.test(text)) return 'scholarship';
  if (askedSlot === 'budget' && /\b(belum tahu|belum tau|not sure|fleksibel|flexible)\b/i.test(text))
    return 'undecided';
  return null;
}

function readTimeline(lower: string, askedSlot: Slot | null, now: Date, facts: LeadFacts): void {
  if (/\b(nanti dulu|nanti saja|belum kepikiran|maybe later|someday|suatu saat)\b/.test(lower)) {
    facts.timelineLater = true;
    return;
  }
  const year = /\b(20[2-4]\d)\b/.exec(lower);
  if (year) {
    facts.timelineYears = Math.max(0, Number(year[1]) - now.getUTCFullYear());
    facts.timelineLater = false;
    return;
  }
  const inYears = /\b(\d{1,2})\s{0,2}(tahun lagi|years? from now|years?|tahun)\b/.exec(lower);
  if (inYears && (askedSlot === 'timeline' || /lagi|from now|in \d/.test(lower))) {
    facts.timelineYears = Number(inYears[1]);
    facts.timelineLater = false;
    return;
  }
  if (
    /\b(tahun depan|next year|semester depan|next semester|intake (januari|februari|juli|september|january|february|july))\b/.test(
      lower,
    )
  ) {
    facts.timelineYears = 1;
    facts.timelineLater = false;
  } else if (
    /\b(secepatnya|segera|tahun ini|this year|bulan depan|next month|asap|as soon as possible)\b/.test(lower)
  ) {
    facts.timelineYears = 0;
    facts.timelineLater = false;
  } else if (askedSlot === 'timeline' && /\b(belum tahu|belum tau|not sure|don't know)\b/.test(lower)) {
    facts.timelineLater = true;
  }
}

function readEnglish(lower: string, askedSlot: Slot | null, facts: LeadFacts): void {
  const test = /\b(ielts|toefl(?:\s{0,2}ibt)?|pte)\b[^0-9]{0,12}(\d{1,3}(?:[.,]\d)?)?/.exec(lower);
  if (test) {
    const name = test[1]!.startsWith('toefl') ? 'TOEFL' : test[1]!.toUpperCase() === 'PTE' ? 'PTE' : 'IELTS';
    const negated = /\b(belum|blm|tidak|gak|ga|nggak|not yet|haven't|no)\b[^.]{0,15}\b(ielts|toefl|pte)\b/.test(lower);
    if (negated) facts.englishTest = { test: 'none' };
    else facts.englishTest = { test: name, ...(test[2] ? { score: Number(test[2].replace(',', '.')) } : {}) };
    return;
  }
  if (askedSlot === 'englishTest') {
    if (NO.test(lower)) facts.englishTest = { test: 'none' };
    else if (/^\d(?:[.,]\d)?$/.test(lower))
      facts.englishTest = { test: 'IELTS', score: Number(lower.replace(',', '.')) };
  }
}

function readDocuments(lower: string, askedSlot: Slot | null, facts: LeadFacts): boolean {
  let mentioned = false;
  if (
    /\b(semua|all)\b.{0,20}\b(dokumen|documents?|berkas)\b.{0,25}\b(sudah|udah|ada|lengkap|siap|ready|complete|done)\b/.test(
      lower,
    )
  ) {
    for (const document of DOCUMENTS) facts.documents[document] = true;
    return true;
  }
  const answer = YES.test(lower) ? true : NO.test(lower) ? false : null;
  const sent = /^\[(image|document)\]/.test(lower);
  for (const [pattern, document] of DOCUMENT_WORDS) {
    // A file named for an English test is its certificate; in typed text "IELTS 7" is a score.
    const named =
      pattern.test(lower) || (sent && document === 'english_certificate' && /\b(ielts|toefl|pte)\b/.test(lower));
    if (!named) continue;
    mentioned = true;
    const negated = /\b(belum|blm|tidak|gak|ga|nggak|not yet|don't|haven't|no)\b/.test(lower);
    const affirmed =
      /\b(sudah|udah|ada|punya|siap|have|got|ready|lengkap)\b/.test(lower) || /^\[(image|document)/.test(lower);
    if (negated) facts.documents[document] = false;
    else if (affirmed) facts.documents[document] = true;
  }
  // A bare yes/no answers the document that was just asked about (a fact, not a signal).
  if (!mentioned && answer !== null && askedSlot && (DOCUMENTS as readonly string[]).includes(askedSlot)) {
    facts.documents[askedSlot as DocumentName] = answer;
  }
  return mentioned;
}
