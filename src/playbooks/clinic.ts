/**
 * Clinic: a dental clinic (klinik gigi), the kind that fills Indonesian WhatsApp
 * inboxes with "behel berapa?" and "gigi saya sakit". Treatment, what hurts, first
 * visit or not, when; a hot lead is offered an appointment with the dentist.
 */
import type { PlaybookInput } from '../assistant/playbook/playbook-schema.js';
import { choice } from './choice.js';
import { COMMON_LINES } from './common-lines.js';

export const clinic: PlaybookInput = {
  version: 1,
  id: 'clinic',
  name: { id: 'Klinik gigi', en: 'Dental clinic' },
  description: {
    id: 'Calon pasien klinik gigi: perawatan yang dicari, keluhan, kunjungan pertama atau bukan, dan kapan mau datang; lead hot ditawari reservasi dengan dokter gigi.',
    en: 'Prospective dental patients: the treatment they want, what hurts, first visit or not, and when they want to come; hot leads are offered an appointment with the dentist.',
  },
  slots: [
    {
      id: 'name',
      kind: 'name',
      label: { id: 'Nama pasien', en: "Patient's name" },
      question: { id: 'Boleh tahu nama pasiennya?', en: "May I know the patient's name?" },
    },
    {
      id: 'treatment',
      kind: 'choice',
      label: { id: 'Perawatan', en: 'Treatment' },
      question: {
        id: 'Perawatan apa yang kakak butuhkan, misalnya scaling, tambal, cabut, atau behel?',
        en: 'Which treatment do you need, for example cleaning, a filling, an extraction or braces?',
      },
      choices: [
        choice(
          'braces',
          ['behel', 'kawat gigi', 'pasang kawat', 'ortho', 'orthodonti', 'ortodonti', 'clear aligner', 'aligner'],
          ['braces', 'orthodontic', 'orthodontics', 'aligners', 'clear aligners', 'invisalign'],
        ),
        choice(
          'scaling',
          ['scaling', 'karang gigi', 'bersihin karang', 'pembersihan karang', 'bersih gigi'],
          ['scaling', 'cleaning', 'teeth cleaning', 'tartar', 'plaque'],
        ),
        choice(
          'root_canal',
          ['perawatan saraf', 'saraf gigi', 'psa', 'perawatan saluran akar', 'rawat saraf'],
          ['root canal'],
        ),
        choice(
          'filling',
          ['tambal', 'ditambal', 'tambal gigi', 'penambalan', 'berlubang', 'bolong', 'gigi berlubang', 'gigi bolong'],
          ['filling', 'fillings', 'cavity', 'cavities'],
        ),
        choice(
          'extraction',
          ['cabut', 'cabut gigi', 'gigi bungsu', 'odontektomi', 'operasi gigi'],
          ['extraction', 'pulled out', 'tooth pulled', 'wisdom tooth', 'wisdom teeth'],
        ),
        choice('whitening', ['bleaching', 'pemutihan', 'memutihkan', 'putihin gigi'], ['whitening', 'bleaching']),
        choice('veneer', ['veneer', 'venir'], ['veneer', 'veneers']),
        choice('implant', ['implan', 'implant', 'tanam gigi'], ['implant', 'implants']),
        choice('dentures', ['gigi palsu', 'gigi tiruan'], ['dentures', 'false teeth']),
        choice(
          'checkup',
          ['periksa gigi', 'cek gigi', 'kontrol rutin', 'check up', 'checkup'],
          ['check-up', 'checkup', 'check up', 'examination'],
        ),
      ],
    },
    {
      id: 'symptom',
      kind: 'choice',
      label: { id: 'Keluhan', en: 'Complaint' },
      question: {
        id: 'Apakah ada keluhan saat ini, misalnya sakit, ngilu, bengkak, atau gusi berdarah?',
        en: 'Is anything bothering you right now, such as pain, swelling or bleeding gums?',
      },
      choices: [
        choice(
          'pain',
          ['sakit', 'nyeri', 'ngilu', 'cenat-cenut', 'cenat cenut', 'senut-senut', 'linu', 'sensitif'],
          ['pain', 'painful', 'hurts', 'hurting', 'ache', 'aching', 'toothache', 'sensitive'],
        ),
        choice('swelling', ['bengkak', 'abses', 'bernanah'], ['swelling', 'swollen', 'abscess']),
        choice(
          'bleeding',
          ['berdarah', 'gusi berdarah', 'darah', 'keluar darah'],
          ['bleeding', 'bleed', 'bleeds', 'blood'],
        ),
        choice('broken', ['patah', 'retak', 'gompal', 'pecah'], ['broken', 'chipped', 'cracked']),
        // "Tidak ada keluhan", "no pain": a routine visit.
        choice(
          'none',
          ['tidak ada keluhan', 'gak ada keluhan', 'nggak ada keluhan'],
          ['no pain', 'nothing hurts'],
          true,
        ),
      ],
    },
    {
      id: 'firstVisit',
      kind: 'choice',
      label: { id: 'Kunjungan pertama', en: 'First visit' },
      // Asked as "been here before?" so the new patient's usual "belum" / "no" answers it.
      question: {
        id: 'Apakah kakak sudah pernah periksa di klinik kami sebelumnya?',
        en: 'Have you visited our clinic before?',
      },
      choices: [
        choice(
          'first_visit',
          ['belum pernah', 'pertama kali', 'pasien baru', 'baru pertama'],
          ['first time', 'first visit', 'new patient', 'never been'],
          true,
        ),
        choice(
          'returning',
          ['sudah pernah', 'udah pernah', 'pernah', 'pasien lama', 'langganan'],
          [
            'been before',
            'been there',
            'been here',
            'returning',
            'existing patient',
            'regular patient',
            'visited before',
          ],
        ),
      ],
    },
    {
      id: 'preferredDate',
      kind: 'timeline',
      label: { id: 'Rencana datang', en: 'Preferred date' },
      question: {
        id: 'Kapan kakak ingin datang ke klinik?',
        en: 'When would you like to come in?',
      },
      words: {
        id: ['besok', 'lusa', 'hari ini', 'minggu ini', 'minggu depan', 'akhir pekan'],
        en: ['tomorrow', 'today', 'this week', 'next week', 'weekend'],
      },
    },
  ],
  stages: [
    {
      id: 'needs',
      state: 'qualifying',
      goal: {
        id: 'Kenali pasien dan kebutuhannya: nama, perawatan yang dicari, dan keluhan (sakit, ngilu, bengkak).',
        en: 'Learn who the patient is and what they need: name, the treatment, and what is bothering them (pain, swelling).',
      },
      slots: ['name', 'treatment', 'symptom'],
      exitWhen: { allKnown: ['name', 'treatment', 'symptom'], anySignal: ['booking'], leadAtLeast: 'hot' },
    },
    {
      id: 'visit',
      state: 'qualifying',
      goal: {
        id: 'Tanyakan apakah ini kunjungan pertama dan kapan pasien ingin datang.',
        en: 'Ask whether this is a first visit and when the patient would like to come.',
      },
      slots: ['firstVisit', 'preferredDate'],
      exitWhen: { anySignal: ['booking'], leadAtLeast: 'hot' },
    },
    {
      id: 'appointment',
      state: 'scheduling',
      goal: {
        id: 'Tawarkan reservasi dengan dokter gigi dan sepakati jadwalnya.',
        en: 'Offer an appointment with the dentist and agree on a time.',
      },
    },
  ],
  rubric: {
    hot: 70,
    warm: 40,
    categories: [
      {
        id: 'contact',
        label: { id: 'Kontak', en: 'Contact' },
        weight: 10,
        earn: [{ share: 1, when: [{ slot: 'name' }] }],
      },
      {
        id: 'treatment',
        label: { id: 'Perawatan', en: 'Treatment' },
        weight: 30,
        earn: [{ share: 1, when: [{ slot: 'treatment' }] }],
      },
      {
        id: 'urgency',
        label: { id: 'Keluhan', en: 'Urgency' },
        weight: 10,
        earn: [{ share: 1, when: [{ slot: 'symptom', in: ['pain', 'swelling', 'bleeding', 'broken'] }] }],
      },
      {
        id: 'visit',
        label: { id: 'Kunjungan', en: 'Visit' },
        weight: 10,
        earn: [{ share: 1, when: [{ slot: 'firstVisit' }] }],
      },
      {
        id: 'timing',
        label: { id: 'Waktu datang', en: 'Timing' },
        weight: 30,
        // Soon (this week, this month): all of it; within the year: half; later: nothing.
        earn: [
          { share: 0.5, when: [{ slot: 'preferredDate', withinYears: 0 }] },
          { share: 0.5, when: [{ slot: 'preferredDate', withinYears: 1 }] },
        ],
      },
      {
        id: 'engagement',
        label: { id: 'Keterlibatan', en: 'Engagement' },
        weight: 10,
        earn: [{ share: 0.6, when: [{ signal: 'booking' }] }, { sharePerMessage: 0.1 }],
      },
    ],
  },
  signals: [
    {
      id: 'booking',
      words: {
        id: ['reservasi', 'janji temu', 'daftar periksa', 'ambil antrian', 'booking jadwal', 'konsul'],
        en: ['appointment', 'book a visit', 'reservation'],
      },
    },
    {
      id: 'human_request',
      words: {
        id: ['bicara dengan dokter', 'ngobrol dengan dokter', 'tanya langsung ke dokter', 'minta nomor dokter'],
        en: [
          'talk to the dentist',
          'speak to the dentist',
          'talk to a dentist',
          'speak to a doctor',
          'talk to the doctor',
        ],
      },
    },
    {
      id: 'pricing',
      words: { id: ['kisaran biaya'], en: ['price range'] },
    },
    // Whether BPJS or an insurer pays is the front desk's to answer, not a price.
    {
      id: 'insurance',
      words: { id: ['bpjs', 'asuransi', 'klaim'], en: ['insurance', 'insurer', 'claim'] },
    },
  ],
  routing: {
    hot: 'offer_booking',
    browsing: 'offer_community',
    pricingUnknown: 'hand_off',
    complaint: 'hand_off',
    humanRequest: 'hand_off',
    // A patient asking for an appointment is offered one at once.
    booking: 'offer_booking',
    signals: [{ signal: 'insurance', to: 'hand_off' }],
  },
  lines: {
    ...COMMON_LINES,
    greeting: {
      id: 'Selamat {waktu} kak {nama}, terima kasih sudah menghubungi {workspace}, kami siap membantu perawatan gigi kakak.',
      en: 'Good {waktu} {nama}, thank you for contacting {workspace}; we are glad to help with your dental care.',
    },
    offerBooking: {
      id: 'Mau kami buatkan reservasi dengan dokter gigi kami?',
      en: 'Shall we book an appointment with our dentist for you?',
    },
    community: {
      id: 'Tidak apa-apa kak, sambil menunggu boleh ikuti info promo dan tips kesehatan gigi dari kami di sini ya: {link}',
      en: 'No rush: you can follow our promotions and dental care tips here in the meantime: {link}',
    },
    handoffHuman: {
      id: 'Baik kak, saya sambungkan dengan tim klinik kami ya, mohon ditunggu sebentar.',
      en: 'Of course, I am connecting you with our clinic team now, please wait a moment.',
    },
    handoffPricing: {
      id: 'Biaya perawatan tergantung hasil pemeriksaan dokter kak; saya cek dulu dengan tim kami ya, nanti tim kami yang menjelaskan.',
      en: "Treatment fees depend on the dentist's examination; let me check with our team, they will explain them to you shortly.",
    },
    allSet: {
      id: 'Terima kasih kak, datanya sudah lengkap. Tim kami akan mengonfirmasi jadwal dokter.',
      en: "Thank you, we have everything we need; our team will confirm the dentist's schedule.",
    },
  },
};
