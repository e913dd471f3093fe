/**
 * What the rules Mouth says, in both languages. Style (lessons.md): one or two
 * sentences, one question, no emoji, the customer's name or "kak", and "let me
 * check with the team" instead of inventing facts or prices.
 */
import type { Language } from '../../core/vocabulary.js';
import type { Slot } from '../lead/lead-facts.js';

type Phrases = Record<Language, string>;

export const QUESTIONS: Record<Slot, Phrases> = {
  name: { id: 'Boleh tahu nama lengkap kakak?', en: 'May I know your full name?' },
  destination: { id: 'Kakak berencana kuliah ke negara mana?', en: 'Which country are you planning to study in?' },
  educationLevel: {
    id: 'Jenjang apa yang kakak tuju, S1, S2, atau lainnya?',
    en: "Which level are you aiming for: bachelor's, master's, or another?",
  },
  budget: {
    id: 'Kira-kira berapa budget yang kakak siapkan per tahun?',
    en: 'Roughly what budget do you have per year?',
  },
  timeline: { id: 'Rencananya mau mulai kuliah kapan?', en: 'When are you planning to start?' },
  englishTest: {
    id: 'Apakah kakak sudah punya skor IELTS atau TOEFL?',
    en: 'Do you have an IELTS or TOEFL score yet?',
  },
  passport: { id: 'Apakah kakak sudah punya paspor?', en: 'Do you already have a passport?' },
  cv: { id: 'Apakah CV kakak sudah siap?', en: 'Is your CV ready?' },
  english_certificate: {
    id: 'Apakah sertifikat IELTS/TOEFL-nya sudah ada?',
    en: 'Do you have your IELTS/TOEFL certificate at hand?',
  },
  transcript: { id: 'Apakah transkrip nilai terakhir kakak sudah ada?', en: 'Do you have your latest transcript?' },
};

const ACKNOWLEDGEMENTS: Record<Language, string[]> = {
  id: ['Baik kak', 'Siap kak', 'Oke kak'],
  en: ['Thank you', 'Great', 'Got it'],
};

/** A short acknowledgement that varies from turn to turn (deterministically, by turn number). */
export function acknowledgement(language: Language, name: string | undefined, turn = 0): string {
  const words = ACKNOWLEDGEMENTS[language][turn % ACKNOWLEDGEMENTS[language].length]!;
  if (language === 'en') return `${words}${name ? `, ${name}` : ''}.`;
  return `${words}${name ? ` ${name}` : ''}.`;
}

export const HANDOFF = {
  human: {
    id: 'Baik kak, saya sambungkan dengan tim kami ya, mohon ditunggu sebentar.',
    en: 'Of course, I am connecting you with our team now, please wait a moment.',
  },
  complaint: {
    id: 'Mohon maaf atas ketidaknyamanannya kak, tim kami akan segera menghubungi kakak.',
    en: 'We are sorry for the trouble; our team will contact you shortly.',
  },
  pricing: {
    id: 'Untuk biaya, saya cek dulu dengan tim kami ya kak, nanti tim kami yang menjelaskan.',
    en: 'Let me check the fees with our team; they will explain them to you shortly.',
  },
} satisfies Record<string, Phrases>;

export function communityInvite(language: Language, link: string): string {
  return language === 'en'
    ? `No rush: you can join our community for updates in the meantime: ${link}`
    : `Tidak apa-apa kak, sambil menunggu boleh gabung komunitas kami dulu ya: ${link}`;
}

export const ALL_SET: Phrases = {
  id: 'Terima kasih kak, datanya sudah lengkap.',
  en: 'Thank you, we have everything we need.',
};

/** A voice note could not be transcribed: never a greeting or silence, a request to type. */
export const VOICE_NOTE_UNHEARD: Phrases = {
  id: 'Mohon maaf kak, saya belum bisa mendengarkan pesan suara. Boleh diketik saja pesannya?',
  en: 'Sorry, I cannot listen to voice notes. Could you type your message instead?',
};

/** A file without a caption: a short acknowledgement before the next question. */
export const MEDIA_RECEIVED: Phrases = {
  id: 'Terima kasih kak, file-nya sudah kami terima.',
  en: 'Thank you, we have received your file.',
};
