/**
 * Study abroad: the overseas-education consultancy ARI was first built for (the
 * demo workspace's playbook). Destination, level, budget, timeline, English test,
 * then four documents; a hot lead is offered a free consultation.
 */
import type { PlaybookInput } from '../assistant/playbook/playbook-schema.js';
import { COMMON_LINES } from './common-lines.js';

const TESTS = ['IELTS', 'TOEFL', 'PTE'];

const country = (value: string, id: string[], en: string[]) => ({ value, words: { id, en } });

export const studyAbroad: PlaybookInput = {
  version: 1,
  id: 'study-abroad',
  name: { id: 'Konsultan studi luar negeri', en: 'Study-abroad consultancy' },
  description: {
    id: 'Calon mahasiswa: negara tujuan, jenjang, budget, waktu berangkat, tes bahasa Inggris dan dokumen; lead hot ditawari konsultasi gratis.',
    en: 'Prospective students: destination, level, budget, start, English test and documents; hot leads are offered a free consultation.',
  },
  slots: [
    {
      id: 'name',
      kind: 'name',
      label: { id: 'Nama', en: 'Name' },
      question: { id: 'Boleh tahu nama lengkap kakak?', en: 'May I know your full name?' },
    },
    {
      id: 'email',
      kind: 'email',
      required: false,
      label: { id: 'Email', en: 'Email' },
      question: { id: 'Boleh minta alamat email kakak?', en: 'May I have your email address?' },
    },
    {
      id: 'destination',
      kind: 'choice',
      label: { id: 'Negara tujuan', en: 'Destination' },
      question: { id: 'Kakak berencana kuliah ke negara mana?', en: 'Which country are you planning to study in?' },
      choices: [
        country('Australia', ['australia'], ['australia']),
        country(
          'United Kingdom',
          ['inggris', 'uk', 'london'],
          ['uk', 'united kingdom', 'england', 'britain', 'london'],
        ),
        country('Canada', ['kanada'], ['canada']),
        country('United States', ['amerika', 'as'], ['usa', 'united states', 'america', 'us']),
        country('New Zealand', ['selandia baru', 'nz'], ['new zealand', 'nz']),
        country('Japan', ['jepang'], ['japan']),
        country('Germany', ['jerman'], ['germany']),
        country('Netherlands', ['belanda'], ['netherlands', 'holland']),
        country('Singapore', ['singapura'], ['singapore']),
        country('Malaysia', ['malaysia'], ['malaysia']),
        country('South Korea', ['korea', 'korea selatan'], ['korea', 'south korea']),
        country('Ireland', ['irlandia'], ['ireland']),
        country('France', ['prancis', 'perancis'], ['france']),
      ],
    },
    {
      id: 'educationLevel',
      kind: 'choice',
      label: { id: 'Jenjang', en: 'Level' },
      question: {
        id: 'Jenjang apa yang kakak tuju, S1, S2, atau lainnya?',
        en: "Which level are you aiming for: bachelor's, master's, or another?",
      },
      choices: [
        { value: 'phd', words: { id: ['s3', 'doktor'], en: ['phd', 'ph.d', 'doctorate', 'doctoral'] } },
        {
          value: 'master',
          words: {
            id: ['s2', 'magister', 'pascasarjana'],
            en: ['master', 'masters', "master's", 'postgraduate', 'mba'],
          },
        },
        {
          value: 'bachelor',
          words: { id: ['s1', 'sarjana', 'kuliah s1'], en: ['bachelor', "bachelor's", 'undergraduate', 'undergrad'] },
        },
        { value: 'diploma', words: { id: ['d3', 'd4', 'diploma'], en: ['diploma'] } },
        { value: 'foundation', words: { id: ['sma', 'smk', 'foundation'], en: ['foundation', 'high school'] } },
      ],
    },
    {
      id: 'budget',
      kind: 'money',
      label: { id: 'Budget per tahun', en: 'Budget per year' },
      question: {
        id: 'Kira-kira berapa budget yang kakak siapkan per tahun?',
        en: 'Roughly what budget do you have per year?',
      },
      choices: [{ value: 'scholarship', words: { id: ['beasiswa'], en: ['scholarship'] } }],
    },
    {
      id: 'timeline',
      kind: 'timeline',
      label: { id: 'Rencana mulai', en: 'Start' },
      question: { id: 'Rencananya mau mulai kuliah kapan?', en: 'When are you planning to start?' },
      words: { id: ['intake', 'semester depan'], en: ['intake', 'next semester'] },
    },
    {
      id: 'englishTest',
      kind: 'choice',
      label: { id: 'Tes bahasa Inggris', en: 'English test' },
      question: {
        id: 'Apakah kakak sudah punya skor IELTS atau TOEFL?',
        en: 'Do you have an IELTS or TOEFL score yet?',
      },
      choices: [
        { value: 'IELTS', words: { id: ['ielts'], en: ['ielts'] } },
        { value: 'TOEFL', words: { id: ['toefl', 'toefl ibt'], en: ['toefl', 'toefl ibt'] } },
        { value: 'PTE', words: { id: ['pte'], en: ['pte'] } },
        { value: 'none', meansNo: true },
      ],
    },
    {
      id: 'englishScore',
      kind: 'number',
      required: false,
      label: { id: 'Skor', en: 'Score' },
      question: { id: 'Berapa skornya kak?', en: 'What was your score?' },
      words: { id: ['ielts', 'toefl', 'pte'], en: ['ielts', 'toefl', 'pte'] },
    },
    document('passport', ['paspor'], ['passport'], 'Paspor', 'Passport', {
      id: 'Apakah kakak sudah punya paspor?',
      en: 'Do you already have a passport?',
    }),
    document('cv', ['cv', 'daftar riwayat hidup'], ['cv', 'resume', 'curriculum vitae'], 'CV', 'CV', {
      id: 'Apakah CV kakak sudah siap?',
      en: 'Is your CV ready?',
    }),
    {
      ...document('english_certificate', [], [], 'Sertifikat IELTS/TOEFL', 'IELTS/TOEFL certificate', {
        id: 'Apakah sertifikat IELTS/TOEFL-nya sudah ada?',
        en: 'Do you have your IELTS/TOEFL certificate at hand?',
      }),
      // "Sertifikat IELTS", "TOEFL certificate", or a file named for a test ("IELTS_Budi.pdf").
      patterns: [
        '\\b(?:sertifikat|certificate)\\b.{0,40}\\b(?:ielts|toefl|pte)\\b',
        '\\b(?:ielts|toefl|pte)\\b.{0,40}\\b(?:sertifikat|certificate)\\b',
        '^\\[(?:image|document)\\].{0,400}\\b(?:ielts|toefl|pte)\\b',
      ],
      // No English test at all: there is no certificate to ask about.
      skipWhen: [{ slot: 'englishTest', in: ['none'] }],
    },
    document('transcript', ['transkrip', 'ijazah'], ['transcript'], 'Transkrip', 'Transcript', {
      id: 'Apakah transkrip nilai terakhir kakak sudah ada?',
      en: 'Do you have your latest transcript?',
    }),
  ],
  stages: [
    {
      id: 'qualifying',
      state: 'qualifying',
      goal: {
        id: 'Kumpulkan nama, negara tujuan, jenjang, budget, rencana waktu berangkat, tes bahasa Inggris, lalu dokumen satu per satu (paspor, CV, IELTS/TOEFL, transkrip).',
        en: 'Learn the name, destination, level, budget, start, English test, then the documents one by one (passport, CV, IELTS/TOEFL, transcript).',
      },
      slots: [
        'name',
        'destination',
        'educationLevel',
        'budget',
        'timeline',
        'englishTest',
        'passport',
        'cv',
        'english_certificate',
        'transcript',
      ],
      exitWhen: { leadAtLeast: 'hot' },
    },
    {
      id: 'scheduling',
      state: 'scheduling',
      goal: {
        id: 'Tawarkan konsultasi 1-on-1 gratis dengan konsultan dan sepakati waktunya.',
        en: 'Offer a free 1-on-1 consultation with a consultant and agree on a time.',
      },
    },
  ],
  rubric: {
    hot: 70,
    warm: 40,
    categories: [
      {
        id: 'basic_info',
        label: { id: 'Data dasar', en: 'Basic info' },
        weight: 25,
        earn: [
          { share: 1 / 3, when: [{ slot: 'name' }] },
          { share: 1 / 3, when: [{ slot: 'email' }] },
          { share: 1 / 3, when: [{ slot: 'destination' }] },
        ],
      },
      {
        id: 'qualification',
        label: { id: 'Kualifikasi', en: 'Qualification' },
        weight: 35,
        earn: [
          { share: 0.3, when: [{ slot: 'budget' }] },
          // A start two or more years away, or "later", earns nothing.
          { share: 0.25, when: [{ slot: 'timeline', withinYears: 1 }] },
          // An English test: half; a score: a tenth more; IELTS 6.5 or its equivalent: the rest.
          { share: 0.125, when: [{ slot: 'englishTest', in: TESTS }] },
          { share: 0.025, when: [{ slot: 'englishTest', in: TESTS }, { slot: 'englishScore' }] },
          {
            share: 0.1,
            when: [
              { slot: 'englishTest', in: ['IELTS'] },
              { slot: 'englishScore', min: 6.5 },
            ],
          },
          {
            share: 0.1,
            when: [
              { slot: 'englishTest', in: ['TOEFL'] },
              { slot: 'englishScore', min: 79 },
            ],
          },
          {
            share: 0.1,
            when: [
              { slot: 'englishTest', in: ['PTE'] },
              { slot: 'englishScore', min: 58 },
            ],
          },
          { share: 0.2, when: [{ slot: 'educationLevel' }] },
        ],
      },
      {
        id: 'documents',
        label: { id: 'Dokumen', en: 'Documents' },
        weight: 30,
        earn: ['passport', 'cv', 'english_certificate', 'transcript'].map((slot) => ({
          share: 0.25,
          when: [{ slot, is: true }],
        })),
      },
      {
        id: 'engagement',
        label: { id: 'Keterlibatan', en: 'Engagement' },
        weight: 10,
        earn: [{ share: 1, when: [{ signal: 'booking' }] }, { sharePerMessage: 1 / 6 }],
      },
    ],
  },
  signals: [{ id: 'booking', words: { id: ['daftar sekarang'], en: ['sign up', 'register'] } }],
  routing: {
    hot: 'offer_booking',
    browsing: 'offer_community',
    pricingUnknown: 'hand_off',
    complaint: 'hand_off',
    humanRequest: 'hand_off',
    booking: 'continue',
  },
  lines: {
    ...COMMON_LINES,
    greeting: {
      id: 'Selamat {waktu} kak {nama}, terima kasih sudah menghubungi {workspace}. Ada yang bisa kami bantu?',
      en: 'Good {waktu} {nama}, thank you for contacting {workspace}. How can we help?',
    },
    offerBooking: {
      id: 'Mau kami jadwalkan konsultasi gratis dengan tim kami?',
      en: 'Shall we schedule a free consultation with our team?',
    },
  },
};

function document(
  id: string,
  idWords: string[],
  enWords: string[],
  idLabel: string,
  enLabel: string,
  question: { id: string; en: string },
) {
  return {
    id,
    kind: 'document' as const,
    label: { id: idLabel, en: enLabel },
    question,
    words: { id: idWords, en: enWords },
  };
}
