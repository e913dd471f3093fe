/**
 * Course: a language school, coding class or tutoring centre (lembaga kursus, bimbel,
 * "les"). Programme, level, schedule, budget, start; a hot lead is offered a free
 * trial class.
 */
import type { PlaybookInput } from '../assistant/playbook/playbook-schema.js';
import { choice } from './choice.js';
import { COMMON_LINES } from './common-lines.js';

export const course: PlaybookInput = {
  version: 1,
  id: 'course',
  name: { id: 'Lembaga kursus', en: 'Course provider' },
  description: {
    id: 'Calon siswa kursus dan les: program, level, jadwal, budget, dan kapan mulai; lead hot ditawari kelas percobaan gratis.',
    en: 'Prospective students of courses and tutoring: programme, level, schedule, budget and start; hot leads are offered a free trial class.',
  },
  slots: [
    {
      id: 'name',
      kind: 'name',
      label: { id: 'Nama', en: 'Name' },
      question: {
        id: 'Boleh tahu nama kakak (atau nama calon siswanya)?',
        en: "May I know your name (or the student's name)?",
      },
    },
    {
      id: 'programme',
      kind: 'choice',
      label: { id: 'Program', en: 'Programme' },
      question: {
        id: 'Program apa yang kakak minati: bahasa Inggris, IELTS/TOEFL, coding, matematika, atau lainnya?',
        en: 'Which programme are you interested in: English, IELTS/TOEFL, coding, maths, or another?',
      },
      // The test preparations and school subjects before plain English, which they often mention too.
      choices: [
        choice(
          'IELTS/TOEFL',
          ['ielts', 'toefl', 'toeic', 'persiapan ielts', 'persiapan toefl'],
          ['ielts', 'toefl', 'toeic', 'test preparation'],
        ),
        choice(
          'UTBK',
          ['utbk', 'snbt', 'masuk ptn', 'persiapan kuliah', 'bimbel utbk'],
          ['utbk', 'university entrance'],
        ),
        choice('Math', ['matematika', 'mtk', 'les mtk', 'les matematika'], ['math', 'maths', 'mathematics']),
        choice(
          'Coding',
          ['coding', 'koding', 'ngoding', 'pemrograman', 'programming', 'python', 'robotik'],
          ['coding', 'programming', 'python', 'web development', 'robotics'],
        ),
        choice('Mandarin', ['mandarin', 'bahasa mandarin', 'bahasa cina'], ['mandarin', 'chinese']),
        choice('Japanese', ['bahasa jepang', 'jepang', 'jlpt', 'nihongo'], ['japanese', 'jlpt']),
        choice('Korean', ['bahasa korea', 'korea', 'topik'], ['korean', 'topik']),
        // Reading, writing and arithmetic for young children.
        choice('Calistung', ['calistung', 'baca tulis hitung'], ['calistung', 'reading and writing']),
        choice(
          'English',
          ['bahasa inggris', 'b. inggris', 'inggris', 'les inggris', 'english', 'speaking', 'conversation'],
          ['english', 'speaking', 'conversation', 'business english'],
        ),
      ],
    },
    {
      id: 'level',
      kind: 'choice',
      label: { id: 'Level', en: 'Level' },
      question: {
        id: 'Level saat ini pemula, menengah, atau mahir (untuk anak: SD, SMP, atau SMA)?',
        en: 'Is the current level beginner, intermediate or advanced (for a child: primary, junior high or senior high school)?',
      },
      // School years before the skill levels: "sekolah dasar" is not "dasar" (basic).
      choices: [
        choice('primary school', ['sd', 'sekolah dasar'], ['primary school', 'elementary school', 'grade school']),
        choice('junior high', ['smp', 'sekolah menengah pertama'], ['junior high', 'middle school']),
        choice('senior high', ['sma', 'smk', 'sekolah menengah atas'], ['senior high', 'high school']),
        choice(
          'beginner',
          ['pemula', 'dasar', 'dari nol', 'basic'],
          ['beginner', 'basic', 'starter', 'from scratch', 'elementary'],
        ),
        choice(
          'intermediate',
          ['menengah', 'intermediate'],
          ['intermediate', 'pre-intermediate', 'upper intermediate'],
        ),
        choice('advanced', ['mahir', 'lanjutan', 'advanced', 'fasih'], ['advanced', 'fluent', 'proficient']),
      ],
    },
    {
      id: 'format',
      kind: 'choice',
      required: false,
      label: { id: 'Format kelas', en: 'Class format' },
      question: {
        id: 'Lebih suka les privat, kelas grup, atau online kak?',
        en: 'Do you prefer private lessons, a group class or online?',
      },
      choices: [
        choice(
          'private',
          ['privat', 'les privat', 'private', 'one on one'],
          ['private', 'one-on-one', 'one on one', 'tutor'],
        ),
        choice('online', ['online', 'daring', 'zoom'], ['online', 'zoom', 'virtual']),
        choice('group', ['grup', 'kelompok', 'kelas reguler', 'reguler'], ['group', 'group class', 'regular class']),
      ],
    },
    {
      id: 'schedule',
      kind: 'choice',
      label: { id: 'Jadwal', en: 'Schedule' },
      question: {
        id: 'Jadwal kapan yang paling cocok: hari kerja, malam hari, atau akhir pekan?',
        en: 'Which schedule suits you best: weekdays, evenings or weekends?',
      },
      // "Selamat malam" and "good morning" are greetings, not schedules: only longer phrases count.
      choices: [
        choice(
          'weekend',
          ['weekend', 'akhir pekan', 'sabtu', 'hari minggu', 'sabtu minggu'],
          ['weekend', 'weekends', 'saturday', 'saturdays', 'sunday', 'sundays'],
        ),
        choice(
          'evening',
          ['malam hari', 'sore hari', 'kelas malam', 'kelas sore', 'pulang kerja', 'pulang sekolah'],
          ['evening', 'evenings', 'after work', 'after school'],
        ),
        choice(
          'weekday',
          ['weekday', 'hari kerja', 'hari biasa', 'senin', 'selasa', 'rabu', 'kamis', 'jumat'],
          ['weekday', 'weekdays', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        ),
        choice('morning', ['pagi hari', 'kelas pagi'], ['mornings', 'in the morning', 'morning class']),
        choice('flexible', ['fleksibel', 'bebas', 'kapan saja', 'kapan aja'], ['flexible', 'anytime', 'any time']),
      ],
    },
    {
      id: 'budget',
      kind: 'money',
      label: { id: 'Budget per bulan', en: 'Monthly budget' },
      question: {
        id: 'Kira-kira berapa budget per bulan yang kakak siapkan?',
        en: 'Roughly what monthly budget do you have in mind?',
      },
      words: { id: ['budget', 'bujet', 'dana'], en: ['budget'] },
    },
    {
      id: 'start',
      kind: 'timeline',
      label: { id: 'Rencana mulai', en: 'Start' },
      question: { id: 'Rencananya kakak mau mulai kapan?', en: 'When would you like to start?' },
      words: { id: ['mulai', 'masuk kelas'], en: ['start', 'begin'] },
    },
  ],
  stages: [
    {
      id: 'needs',
      state: 'qualifying',
      goal: {
        id: 'Kenali calon siswa: nama, program yang diminati, dan level saat ini (format kelas bila disebut).',
        en: 'Learn who the student is: name, the programme and the current level (class format when mentioned).',
      },
      slots: ['name', 'programme', 'level', 'format'],
      exitWhen: { allKnown: ['name', 'programme', 'level'], leadAtLeast: 'hot' },
    },
    {
      id: 'fit',
      state: 'qualifying',
      goal: {
        id: 'Cocokkan kelas: jadwal yang pas, budget per bulan, dan kapan mau mulai.',
        en: 'Find the right class: a schedule that fits, the monthly budget, and when to start.',
      },
      slots: ['schedule', 'budget', 'start'],
      exitWhen: { leadAtLeast: 'hot' },
    },
    {
      id: 'trial',
      state: 'scheduling',
      goal: {
        id: 'Tawarkan kelas percobaan gratis atau tes penempatan, lalu sepakati jadwalnya.',
        en: 'Offer a free trial class or a placement test, and agree on a time.',
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
        id: 'needs',
        label: { id: 'Kebutuhan', en: 'Needs' },
        weight: 35,
        earn: [
          { share: 0.45, when: [{ slot: 'programme' }] },
          { share: 0.25, when: [{ slot: 'level' }] },
          { share: 0.25, when: [{ slot: 'schedule' }] },
          { share: 0.05, when: [{ slot: 'format' }] },
        ],
      },
      {
        id: 'budget',
        label: { id: 'Budget', en: 'Budget' },
        weight: 20,
        earn: [{ share: 1, when: [{ slot: 'budget' }] }],
      },
      {
        id: 'start',
        label: { id: 'Waktu mulai', en: 'Start' },
        weight: 25,
        // This year: all of it; next year: some; later: nothing.
        earn: [
          { share: 0.6, when: [{ slot: 'start', withinYears: 0 }] },
          { share: 0.4, when: [{ slot: 'start', withinYears: 1 }] },
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
        id: [
          'kelas percobaan',
          'trial class',
          'coba kelas',
          'tes penempatan',
          'placement test',
          'daftar kelas',
          'daftar les',
          'daftar kursus',
        ],
        en: ['trial class', 'free trial', 'placement test', 'enrol', 'enroll'],
      },
    },
    {
      id: 'human_request',
      words: {
        id: ['bicara dengan admin', 'telepon admin', 'minta ditelepon'],
        en: ['talk to admissions', 'speak to admissions'],
      },
    },
    {
      id: 'pricing',
      words: {
        id: ['biaya les', 'harga paket', 'biaya pendaftaran', 'uang pendaftaran'],
        en: ['tuition', 'course fee'],
      },
    },
  ],
  routing: {
    hot: 'offer_booking',
    browsing: 'offer_community',
    pricingUnknown: 'hand_off',
    complaint: 'hand_off',
    humanRequest: 'hand_off',
    // "Jadwal" and "schedule" are everyday words here (the schedule slot): they earn engagement, nothing more.
    booking: 'continue',
  },
  lines: {
    ...COMMON_LINES,
    greeting: {
      id: 'Selamat {waktu} kak {nama}, terima kasih sudah menghubungi {workspace}. Kami bantu carikan kelas yang paling cocok ya.',
      en: 'Good {waktu} {nama}, thank you for contacting {workspace}. We will help you find the class that suits you best.',
    },
    offerBooking: {
      id: 'Mau kami jadwalkan kelas percobaan gratis dulu?',
      en: 'Shall we book a free trial class for you?',
    },
    community: {
      id: 'Tidak apa-apa kak, sambil menunggu boleh gabung grup info kelas dan promo kami dulu ya: {link}',
      en: 'No rush: you can join our group for class news and promotions in the meantime: {link}',
    },
    handoffHuman: {
      id: 'Baik kak, saya sambungkan dengan admin kami ya, mohon ditunggu sebentar.',
      en: 'Of course, I am connecting you with our admissions team now, please wait a moment.',
    },
    handoffPricing: {
      id: 'Untuk biaya kursus, saya cek dulu dengan admin kami ya kak, nanti admin kami yang menjelaskan paket dan promonya.',
      en: 'Let me check the course fees with our admissions team; they will explain the packages to you shortly.',
    },
    allSet: {
      id: 'Terima kasih kak, datanya sudah lengkap. Admin kami akan mengirimkan pilihan kelas yang cocok.',
      en: 'Thank you, we have everything we need; our team will send you the classes that fit.',
    },
  },
};
