/**
 * Property: an agency or developer selling and letting houses, apartments, shophouses
 * and land (Jabodetabek and the big cities). Buy or rent, type, area, budget, KPR or
 * cash, when; a hot lead is offered a site visit with an agent.
 */
import type { PlaybookInput } from '../assistant/playbook/playbook-schema.js';
import { choice } from './choice.js';
import { COMMON_LINES } from './common-lines.js';

/** Place names are the same in both languages; English adds its own forms ("South Jakarta"). */
const place = (value: string, names: string[], en: string[] = []) => choice(value, names, [...names, ...en]);

export const property: PlaybookInput = {
  version: 1,
  id: 'property',
  name: { id: 'Agen properti', en: 'Property agency' },
  description: {
    id: 'Pembeli dan penyewa properti: beli atau sewa, jenis properti, lokasi, budget, KPR atau cash, dan kapan; lead hot ditawari survei lokasi bersama agen.',
    en: 'Property buyers and tenants: buy or rent, property type, area, budget, mortgage (KPR) or cash, and when; hot leads are offered a site visit with an agent.',
  },
  slots: [
    {
      id: 'name',
      kind: 'name',
      label: { id: 'Nama', en: 'Name' },
      question: { id: 'Boleh tahu nama kakak?', en: 'May I know your name?' },
    },
    {
      id: 'intent',
      kind: 'choice',
      label: { id: 'Beli atau sewa', en: 'Buy or rent' },
      question: { id: 'Kakak mencari properti untuk dibeli atau disewa?', en: 'Are you looking to buy or to rent?' },
      choices: [
        choice(
          'rent',
          ['sewa', 'menyewa', 'disewa', 'disewakan', 'kontrak', 'kontrakan', 'ngontrak', 'ngekos'],
          ['rent', 'renting', 'rental', 'lease', 'to let', 'for rent'],
        ),
        choice(
          'buy',
          ['beli', 'membeli', 'dibeli', 'dijual', 'investasi', 'punya rumah sendiri', 'rumah subsidi'],
          ['buy', 'buying', 'purchase', 'for sale', 'invest', 'investment'],
        ),
      ],
    },
    {
      id: 'propertyType',
      kind: 'choice',
      label: { id: 'Jenis properti', en: 'Property type' },
      question: {
        id: 'Jenis properti apa yang kakak cari: rumah, apartemen, ruko, atau tanah?',
        en: 'What type of property are you looking for: a house, an apartment, a shophouse or land?',
      },
      choices: [
        choice('shophouse', ['ruko', 'rukan'], ['shophouse', 'shophouses', 'shop house', 'ruko']),
        choice(
          'apartment',
          ['apartemen', 'apartment', 'apart', 'unit apartemen', 'studio'],
          ['apartment', 'apartments', 'flat', 'condo', 'condominium', 'studio'],
        ),
        choice('villa', ['villa', 'vila'], ['villa', 'villas']),
        choice('land', ['tanah', 'kavling', 'kaveling', 'lahan'], ['land', 'plot', 'plots']),
        choice('warehouse', ['gudang'], ['warehouse']),
        choice(
          'house',
          ['rumah', 'rumah tapak', 'hunian', 'cluster', 'townhouse', 'perumahan'],
          ['house', 'houses', 'landed house', 'townhouse'],
        ),
      ],
    },
    {
      id: 'area',
      kind: 'choice',
      label: { id: 'Lokasi', en: 'Area' },
      question: { id: 'Lokasi atau daerah mana yang kakak incar?', en: 'Which area are you looking in?' },
      // The specific areas before plain "Jakarta" or "Tangerang", which their names contain.
      choices: [
        place(
          'South Jakarta',
          ['jakarta selatan', 'jaksel', 'kebayoran', 'pondok indah', 'kemang', 'cilandak', 'tebet'],
          ['south jakarta'],
        ),
        place('Central Jakarta', ['jakarta pusat', 'jakpus', 'menteng', 'kemayoran'], ['central jakarta']),
        place('West Jakarta', ['jakarta barat', 'jakbar', 'kebon jeruk', 'puri indah', 'kembangan'], ['west jakarta']),
        place('East Jakarta', ['jakarta timur', 'jaktim', 'rawamangun', 'duren sawit', 'cibubur'], ['east jakarta']),
        place(
          'North Jakarta',
          ['jakarta utara', 'jakut', 'kelapa gading', 'pik', 'pantai indah kapuk', 'sunter'],
          ['north jakarta'],
        ),
        place(
          'South Tangerang',
          ['tangerang selatan', 'tangsel', 'bsd', 'bintaro', 'serpong', 'alam sutera', 'pamulang'],
          ['south tangerang'],
        ),
        place('Tangerang', ['tangerang', 'karawaci', 'cikupa']),
        place('Bekasi', ['bekasi', 'harapan indah', 'cikarang']),
        place('Depok', ['depok', 'margonda', 'cinere', 'sawangan', 'kampus ui']),
        place('Bogor', ['bogor', 'sentul', 'cibinong']),
        place('Bandung', ['bandung', 'cimahi']),
        place('Surabaya', ['surabaya']),
        place('Bali', ['bali', 'denpasar', 'canggu', 'seminyak', 'jimbaran']),
        place('Yogyakarta', ['yogyakarta', 'jogja', 'yogya', 'jogjakarta', 'sleman']),
        place('Semarang', ['semarang']),
        place('Medan', ['medan']),
        place('Makassar', ['makassar']),
        place('Jakarta', ['jakarta', 'dki']),
      ],
    },
    {
      id: 'bedrooms',
      kind: 'number',
      required: false,
      label: { id: 'Kamar tidur', en: 'Bedrooms' },
      question: { id: 'Butuh berapa kamar tidur?', en: 'How many bedrooms do you need?' },
      words: { id: ['kamar', 'kamar tidur', 'kt', 'kmr'], en: ['bedroom', 'bedrooms', 'br', 'bed', 'beds'] },
      // The number usually comes first: "3 kamar", "2KT", "a 3 bedroom villa".
      patterns: ['\\b(\\d{1,2})\\s{0,2}(?:kamar|kt|kmr|bedrooms?|br|beds?)\\b'],
    },
    {
      id: 'budget',
      kind: 'money',
      label: { id: 'Budget', en: 'Budget' },
      question: {
        id: 'Kira-kira berapa budget yang kakak siapkan (harga beli, atau sewa per bulan/tahun)?',
        en: 'Roughly what budget do you have in mind (to buy, or rent per month or year)?',
      },
      words: { id: ['budget', 'bujet', 'dana', 'kisaran'], en: ['budget', 'range'] },
    },
    {
      id: 'mortgage',
      kind: 'choice',
      label: { id: 'KPR atau cash', en: 'Mortgage (KPR) or cash' },
      question: {
        id: 'Rencananya kakak pakai KPR atau bayar cash?',
        en: 'Are you planning to use a mortgage (KPR) or pay cash?',
      },
      choices: [
        choice(
          'KPR',
          // A "rumah subsidi" is always bought with the government's subsidised KPR (FLPP).
          ['kpr', 'kpa', 'cicilan', 'kredit', 'nyicil', 'angsuran', 'pinjaman bank', 'kredit bank', 'subsidi', 'flpp'],
          ['kpr', 'mortgage', 'installments', 'instalments', 'home loan', 'bank loan', 'financing'],
        ),
        // "Tidak" to the KPR question means paying without a bank loan.
        choice(
          'cash',
          ['cash', 'tunai', 'cash keras', 'cash bertahap', 'lunas', 'bayar lunas'],
          ['cash', 'pay in full', 'outright', 'full payment'],
          true,
        ),
      ],
      // Tenants take no mortgage.
      skipWhen: [{ slot: 'intent', in: ['rent'] }],
    },
    {
      id: 'timeline',
      kind: 'timeline',
      label: { id: 'Rencana beli/pindah', en: 'When' },
      question: { id: 'Kapan rencananya kakak mau beli atau pindah?', en: 'When are you planning to buy or move in?' },
      words: { id: ['pindah', 'huni', 'ditempati', 'serah terima'], en: ['move in', 'moving'] },
    },
  ],
  stages: [
    {
      id: 'needs',
      state: 'qualifying',
      goal: {
        id: 'Kenali kebutuhan: nama, beli atau sewa, jenis properti, dan lokasi (jumlah kamar bila disebut).',
        en: 'Learn the needs: name, buy or rent, property type and area (bedrooms when mentioned).',
      },
      slots: ['name', 'intent', 'propertyType', 'area', 'bedrooms'],
      exitWhen: { allKnown: ['name', 'intent', 'propertyType', 'area'], anySignal: ['booking'], leadAtLeast: 'hot' },
    },
    {
      id: 'finance',
      state: 'qualifying',
      goal: {
        id: 'Pahami kesiapan: budget, KPR atau cash, dan kapan rencana beli atau pindah.',
        en: 'Learn how ready they are: budget, mortgage (KPR) or cash, and when they plan to buy or move.',
      },
      slots: ['budget', 'mortgage', 'timeline'],
      exitWhen: { anySignal: ['booking'], leadAtLeast: 'hot' },
    },
    {
      id: 'viewing',
      state: 'scheduling',
      goal: {
        id: 'Tawarkan survei lokasi bersama agen dan sepakati waktunya.',
        en: 'Offer a site visit with an agent and agree on a time.',
      },
    },
  ],
  rubric: {
    hot: 75,
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
        weight: 25,
        earn: [
          { share: 0.3, when: [{ slot: 'intent' }] },
          { share: 0.3, when: [{ slot: 'propertyType' }] },
          { share: 0.3, when: [{ slot: 'area' }] },
          { share: 0.1, when: [{ slot: 'bedrooms' }] },
        ],
      },
      {
        id: 'finance',
        label: { id: 'Kesiapan dana', en: 'Finance' },
        weight: 30,
        earn: [
          { share: 0.5, when: [{ slot: 'budget' }] },
          { share: 0.5, when: [{ slot: 'mortgage' }] },
          // A tenant has no mortgage to settle.
          { share: 0.5, when: [{ slot: 'intent', in: ['rent'] }] },
        ],
      },
      {
        id: 'timeline',
        label: { id: 'Waktu', en: 'Timeline' },
        weight: 25,
        // This year: all of it; next year: some; later: nothing.
        earn: [
          { share: 0.6, when: [{ slot: 'timeline', withinYears: 0 }] },
          { share: 0.4, when: [{ slot: 'timeline', withinYears: 1 }] },
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
          'survei lokasi',
          'survey lokasi',
          'lihat lokasi',
          'cek lokasi',
          'lihat unit',
          'lihat rumahnya',
          'open house',
        ],
        en: ['site visit', 'viewing', 'view the unit', 'see the unit', 'see the house', 'show unit'],
      },
    },
    {
      id: 'pricing',
      words: {
        id: [
          'pricelist',
          'price list',
          'dp berapa',
          'dp-nya berapa',
          'dpnya berapa',
          'uang muka',
          'cicilannya berapa',
          'nego',
          'negosiasi',
        ],
        en: ['price list', 'down payment', 'monthly instalment', 'monthly installment', 'negotiable'],
      },
    },
    {
      id: 'human_request',
      words: {
        id: [
          'bicara dengan agen',
          'ngobrol dengan agen',
          'minta nomor marketing',
          'minta nomor agen',
          'hubungi marketing',
        ],
        en: ['talk to an agent', 'speak to an agent', 'speak with an agent', 'talk to your agent'],
      },
    },
    {
      id: 'browsing',
      words: { id: ['cari-cari info', 'cari info dulu'], en: ['just checking'] },
    },
  ],
  routing: {
    hot: 'offer_booking',
    browsing: 'offer_community',
    pricingUnknown: 'hand_off',
    complaint: 'hand_off',
    humanRequest: 'hand_off',
    // Asking to see a property is asking for the visit.
    booking: 'offer_booking',
  },
  lines: {
    ...COMMON_LINES,
    greeting: {
      id: 'Selamat {waktu} kak {nama}, terima kasih sudah menghubungi {workspace}. Saya bantu carikan properti yang pas ya.',
      en: 'Good {waktu} {nama}, thank you for contacting {workspace}. Let me help you find the right property.',
    },
    offerBooking: {
      id: 'Mau kami jadwalkan survei lokasi bersama agen kami?',
      en: 'Shall we arrange a site visit with one of our agents?',
    },
    community: {
      id: 'Tidak apa-apa kak, sambil menunggu boleh gabung grup info listing terbaru kami dulu ya: {link}',
      en: 'No rush: you can join our group for the latest listings in the meantime: {link}',
    },
    handoffHuman: {
      id: 'Baik kak, saya sambungkan dengan agen kami ya, mohon ditunggu sebentar.',
      en: 'Of course, I am connecting you with one of our agents now, please wait a moment.',
    },
    handoffPricing: {
      id: 'Untuk harga dan simulasi cicilan, saya cek dulu dengan agen kami ya kak, nanti agen kami yang menjelaskan.',
      en: 'Let me check the prices and instalment options with our agent; they will explain them to you shortly.',
    },
    allSet: {
      id: 'Terima kasih kak, datanya sudah lengkap. Agen kami akan menyiapkan pilihan properti yang cocok.',
      en: 'Thank you, we have everything we need; our agent will prepare listings that fit.',
    },
  },
};
