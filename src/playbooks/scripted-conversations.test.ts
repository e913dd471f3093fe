/**
 * Scripted conversations for the property, clinic and course playbooks, in Bahasa
 * Indonesia and English, run through the rules engine exactly as the service would
 * (simulateConversation). Each ends one way — hot (a booking offered), cold
 * (community, or still asking), handed off for pricing, handed off on request — with
 * its score band, state and routing; and every reply of every script is in the
 * customer's language, including a customer writing in the other language than the
 * workspace's.
 */
import { describe, expect, it } from 'vitest';
import type { Playbook } from '../assistant/playbook/playbook-schema.js';
import { simulateConversation } from '../assistant/rules/simulate-conversation.js';
import { builtInPlaybook } from './built-in-playbooks.js';

type Decision = ReturnType<typeof simulateConversation>[number];
type Language = 'id' | 'en';
type Ending = 'hot' | 'booking' | 'community' | 'still_asking' | 'pricing' | 'human';

interface Script {
  name: string;
  /** The customer's language: every reply must be in it. */
  language: Language;
  workspaceLanguage: Language;
  communityLink?: string;
  messages: string[];
  ending: Ending;
  /** A handoff's score band: cold (below warm) or warm (below hot). */
  band?: 'cold' | 'warm';
  /** Why the conversation was handed off, when not the ending's usual reason. */
  handoffReason?: RegExp;
  /** Slot values the engine must have read along the way. */
  facts?: Record<string, unknown>;
  /** Slots no reply may ask (skipped for this customer). */
  neverAsked?: string[];
}

const LINK = 'https://chat.whatsapp.com/info-terbaru';
/** 09:00 in Jakarta: "pagi", "morning". */
const NOW = new Date('2026-11-26T02:00:00Z');

// Words only one of the two languages uses: any of them in a reply means a mixed-language reply.
const INDONESIAN_ONLY = /\b(kak|kakak|saya|kami|yang|ya|dan|untuk|dengan|terima kasih|mohon|boleh|apakah|berapa)\b/i;
const ENGLISH_ONLY = /\b(the|your|we|you|our|thank you|please|shall|would|with|and)\b/i;

/** The reply's words in the wrong language, if any (links and the workspace's name are not words). */
function foreignWords(text: string, language: Language, workspaceName: string): string | null {
  const words = text.replaceAll(workspaceName, ' ').replace(/https?:\/\/\S+/g, ' ');
  return (language === 'en' ? INDONESIAN_ONLY : ENGLISH_ONLY).exec(words)?.[0] ?? null;
}

const SCRIPTS: Record<string, { workspaceName: string; scripts: Script[] }> = {
  property: {
    workspaceName: 'Griya Nusantara Properti',
    scripts: [
      {
        name: 'an Indonesian buyer with a budget, KPR and a date ends hot with a site visit offered',
        language: 'id',
        workspaceLanguage: 'id',
        messages: [
          'Halo kak, saya Budi, mau beli rumah di BSD',
          'Budget sekitar 1,5 M kak',
          'Pakai KPR kak',
          'Secepatnya kak, tahun ini',
        ],
        ending: 'hot',
        facts: { intent: 'buy', propertyType: 'house', area: 'South Tangerang', mortgage: 'KPR' },
      },
      {
        name: 'an Indonesian tenant of a kontrakan moving next month ends hot, never asked about KPR',
        language: 'id',
        workspaceLanguage: 'id',
        messages: [
          'Halo kak, saya Wati, cari kontrakan rumah di Depok',
          'Budget 3 juta per bulan kak',
          'Bulan depan mau pindah',
        ],
        ending: 'hot',
        facts: { intent: 'rent', propertyType: 'house', area: 'Depok' },
        neverAsked: ['mortgage'],
      },
      {
        name: 'an English buyer writing to an Indonesian workspace ends hot, in English',
        language: 'en',
        workspaceLanguage: 'id',
        messages: [
          "Hi, I'm Sarah, I would like to buy an apartment in South Jakarta",
          'My budget is around 2 billion rupiah',
          'I would like to use a mortgage',
          'As soon as possible, this year',
        ],
        ending: 'hot',
        facts: { intent: 'buy', propertyType: 'apartment', area: 'South Jakarta', mortgage: 'KPR' },
      },
      {
        name: 'an Indonesian browser with no plans is offered the community',
        language: 'id',
        workspaceLanguage: 'id',
        communityLink: LINK,
        messages: ['Halo kak, lagi lihat-lihat rumah di Depok', 'Belum tahu kak, nanti dulu'],
        ending: 'community',
        facts: { propertyType: 'house', area: 'Depok' },
      },
      {
        name: 'an English browser without a community to join is still asked the next question',
        language: 'en',
        workspaceLanguage: 'en',
        messages: ['Hello, just looking at apartments in Jakarta for now', 'Not sure yet, maybe later'],
        ending: 'still_asking',
        facts: { propertyType: 'apartment' },
      },
      {
        name: 'an Indonesian asking the price and the down payment is handed off for pricing',
        language: 'id',
        workspaceLanguage: 'id',
        messages: [
          'Selamat siang, saya Rina, cari rumah di Bekasi untuk keluarga',
          'Rumah tipe 45 harganya berapa ya kak? DP-nya berapa?',
        ],
        ending: 'pricing',
        band: 'cold',
        facts: { propertyType: 'house', area: 'Bekasi' },
      },
      {
        name: 'an English tenant asking the rent is handed off for pricing',
        language: 'en',
        workspaceLanguage: 'en',
        messages: [
          "Good morning, I'm looking to rent a house in Bali",
          'How much is the monthly rent for a 3 bedroom villa?',
        ],
        ending: 'pricing',
        band: 'warm',
        facts: { intent: 'rent', area: 'Bali', bedrooms: 3 },
      },
      {
        name: 'an Indonesian tenant writing to an English workspace asks for an agent and is handed off, in Indonesian',
        language: 'id',
        workspaceLanguage: 'en',
        messages: [
          'Halo, mau sewa apartemen di Jakarta Selatan',
          'Bisa minta nomor marketing-nya? Saya mau bicara dengan agen langsung',
        ],
        ending: 'human',
        band: 'warm',
        facts: { intent: 'rent', propertyType: 'apartment', area: 'South Jakarta' },
      },
      {
        name: 'an English buyer asks for an agent and is handed off',
        language: 'en',
        workspaceLanguage: 'id',
        messages: ['Hi, do you have houses for sale in Bogor?', 'Can I speak to an agent, please?'],
        ending: 'human',
        band: 'cold',
        facts: { area: 'Bogor' },
      },
      {
        name: 'an Indonesian asking to see a property is offered the site visit at once',
        language: 'id',
        workspaceLanguage: 'id',
        messages: ['Halo kak, saya Dewi, cari rumah di Sentul', 'Bisa survei lokasi hari Sabtu kak?'],
        ending: 'booking',
        facts: { propertyType: 'house', area: 'Bogor' },
      },
    ],
  },
  clinic: {
    workspaceName: 'Klinik Gigi Senyum',
    scripts: [
      {
        name: 'an Indonesian patient in pain wanting a filling soon ends hot with an appointment offered',
        language: 'id',
        workspaceLanguage: 'id',
        messages: [
          'Halo kak, saya Dina, gigi geraham saya sakit dan ngilu',
          'Mau tambal gigi kak',
          'Belum pernah kak',
          'Secepatnya kak, besok kalau bisa',
        ],
        ending: 'hot',
        facts: { symptom: 'pain', treatment: 'filling', firstVisit: 'first_visit' },
      },
      {
        name: 'an English patient wanting braces, writing to an Indonesian workspace, ends hot in English',
        language: 'en',
        workspaceLanguage: 'id',
        messages: [
          "Hi, I'm Kevin, I'd like to get braces",
          'No, nothing like that',
          "No, it's my first time",
          'As soon as possible, this week',
        ],
        ending: 'hot',
        facts: { treatment: 'braces', symptom: 'none', firstVisit: 'first_visit' },
      },
      {
        name: 'an Indonesian asking about bleaching for later is offered the community',
        language: 'id',
        workspaceLanguage: 'id',
        communityLink: LINK,
        messages: ['Halo kak, mau tanya-tanya soal bleaching', 'Nanti dulu deh kak, masih lihat-lihat'],
        ending: 'community',
        facts: { treatment: 'whitening' },
      },
      {
        name: 'an English browser without a community to join is still asked the next question',
        language: 'en',
        workspaceLanguage: 'en',
        messages: ['Hello, do you do teeth whitening?', 'Just looking for now, maybe later'],
        ending: 'still_asking',
        facts: { treatment: 'whitening' },
      },
      {
        name: 'an Indonesian asking what braces cost is handed off for pricing',
        language: 'id',
        workspaceLanguage: 'id',
        messages: ['Halo kak, saya Tono, mau pasang behel', 'Biaya pasang behel berapa ya kak?'],
        ending: 'pricing',
        band: 'warm',
        facts: { treatment: 'braces' },
      },
      {
        name: 'an English patient asking what a scaling costs is handed off for pricing',
        language: 'en',
        workspaceLanguage: 'en',
        messages: ["Hi, I'm Lisa, I need a scaling", 'How much does a scaling cost?'],
        ending: 'pricing',
        band: 'warm',
        facts: { treatment: 'scaling' },
      },
      {
        name: 'an Indonesian patient writing to an English workspace asks for the dentist and is handed off, in Indonesian',
        language: 'id',
        workspaceLanguage: 'en',
        messages: ['Selamat pagi, gusi saya bengkak dan berdarah', 'Bisa saya bicara dengan dokter langsung?'],
        ending: 'human',
        band: 'cold',
        // "Gusi saya bengkak" is "my gums are swollen": no name was given.
        facts: { symptom: 'swelling', name: undefined },
      },
      {
        name: 'an English patient with a wisdom tooth asks for the dentist and is handed off',
        language: 'en',
        workspaceLanguage: 'id',
        messages: ['Hello, my wisdom tooth hurts a lot', 'Can I talk to the dentist directly?'],
        ending: 'human',
        band: 'warm',
        facts: { treatment: 'extraction', symptom: 'pain' },
      },
      {
        name: 'an Indonesian asking whether BPJS pays is handed to the front desk, not quoted a price',
        language: 'id',
        workspaceLanguage: 'id',
        messages: ['Halo kak, saya Putri, mau scaling', 'Bisa pakai BPJS kak?'],
        ending: 'human',
        band: 'warm',
        handoffReason: /insurance/,
        facts: { treatment: 'scaling' },
      },
      {
        name: 'an English patient asking for an appointment is offered one at once',
        language: 'en',
        workspaceLanguage: 'en',
        messages: ["Hi, I'm Lisa, my gums bleed when I brush", 'Can I book an appointment for next week?'],
        ending: 'booking',
        facts: { symptom: 'bleeding', preferredDate: { years: 0 } },
      },
    ],
  },
  course: {
    workspaceName: 'Lembaga Kursus Cendekia',
    scripts: [
      {
        name: 'an Indonesian beginner wanting English lessons next month ends hot with a trial class offered',
        language: 'id',
        workspaceLanguage: 'id',
        messages: [
          'Halo kak, saya Andi, mau les bahasa Inggris',
          'Masih pemula kak',
          'Sabtu pagi kak, akhir pekan',
          'Sekitar 1 juta per bulan',
          'Bulan depan kak',
        ],
        ending: 'hot',
        facts: { programme: 'English', level: 'beginner', schedule: 'weekend' },
      },
      {
        name: 'an English IELTS candidate writing to an Indonesian workspace ends hot in English',
        language: 'en',
        workspaceLanguage: 'id',
        messages: [
          "Hi, I'm Maya, I'm looking for IELTS preparation classes",
          'Intermediate, I think',
          'Evenings, after work',
          'Around 2 million rupiah per month',
          'Next month',
        ],
        ending: 'hot',
        facts: { programme: 'IELTS/TOEFL', level: 'intermediate', schedule: 'evening' },
      },
      {
        name: 'an Indonesian parent asking about coding for later is offered the community',
        language: 'id',
        workspaceLanguage: 'id',
        communityLink: LINK,
        messages: ['Halo kak, mau tanya kursus coding untuk anak', 'Belum tahu kak, nanti dulu'],
        ending: 'community',
        facts: { programme: 'Coding' },
      },
      {
        name: 'an English browser without a community to join is still asked the next question',
        language: 'en',
        workspaceLanguage: 'en',
        messages: ['Hi, just browsing your Mandarin classes', 'Not sure yet, maybe later'],
        ending: 'still_asking',
        facts: { programme: 'Mandarin' },
      },
      {
        name: 'an Indonesian parent asking the monthly fee is handed off for pricing',
        language: 'id',
        workspaceLanguage: 'id',
        messages: ['Halo, saya Sinta, mau les matematika untuk anak SMP', 'Biaya lesnya per bulan berapa kak?'],
        ending: 'pricing',
        band: 'cold',
        facts: { programme: 'Math', level: 'junior high' },
      },
      {
        name: 'an English student asking the course fee is handed off for pricing',
        language: 'en',
        workspaceLanguage: 'en',
        messages: ["Hi, I'm Tom, I'm interested in Japanese classes", 'How much is the course fee per month?'],
        ending: 'pricing',
        band: 'cold',
        facts: { programme: 'Japanese' },
      },
      {
        name: 'an Indonesian parent writing to an English workspace asks for the admin and is handed off, in Indonesian',
        language: 'id',
        workspaceLanguage: 'en',
        messages: [
          'Halo kak, anak saya mau persiapan UTBK',
          'Bisa minta dihubungi admin? Saya mau bicara dengan admin langsung',
        ],
        ending: 'human',
        band: 'cold',
        facts: { programme: 'UTBK' },
      },
      {
        name: 'an English learner asks for a person and is handed off',
        language: 'en',
        workspaceLanguage: 'id',
        messages: ['Hello, I want private English lessons', 'Can I talk to a person, please?'],
        ending: 'human',
        band: 'cold',
        facts: { programme: 'English', format: 'private' },
      },
    ],
  },
};

describe('the mixed-language check', () => {
  it('flags the replies a new user of the demo workspace got, and passes the right ones', () => {
    expect(foreignWords('Great, Sarah. Kakak bisa ikut konsultasi 1-on-1 gratis.', 'en', 'Eagle')).toBe('Kakak');
    expect(
      foreignWords('Selamat evening kak! Saya Ari dari Eagle Overseas Education.', 'en', 'Eagle Overseas Education'),
    ).toBe('kak');
    expect(foreignWords('Baik kak, how can we help you?', 'id', 'Eagle')).toBe('we');
    expect(foreignWords('Thank you, we have everything we need.', 'en', 'Eagle')).toBe(null);
    expect(foreignWords('Terima kasih kak, datanya sudah lengkap: https://the.example/your-link', 'id', 'Eagle')).toBe(
      null,
    );
  });
});

describe.each(Object.entries(SCRIPTS))('scripted conversations: %s', (id, { workspaceName, scripts }) => {
  const playbook = builtInPlaybook(id)!;

  it('covers every ending in both languages', () => {
    for (const ending of ['hot', 'pricing', 'human'] as const)
      for (const language of ['id', 'en'] as const)
        expect(
          scripts.some((s) => s.ending === ending && s.language === language),
          `${ending} ${language}`,
        ).toBe(true);
    for (const language of ['id', 'en'] as const)
      expect(scripts.some((s) => ['community', 'still_asking'].includes(s.ending) && s.language === language)).toBe(
        true,
      );
  });

  it.each(scripts)('$name', (script) => {
    const turns = simulateConversation(playbook, script.messages, {
      workspaceLanguage: script.workspaceLanguage,
      workspaceName,
      communityLink: script.communityLink ?? null,
      now: NOW,
    });
    expect(turns).toHaveLength(script.messages.length);

    // Every reply in the customer's language, the first one a greeting unless it already ends the conversation.
    turns.forEach((turn, i) => {
      expect(turn.language, `reply ${i + 1}: ${turn.reply.text}`).toBe(script.language);
      expect(foreignWords(turn.reply.text, script.language, workspaceName), `reply ${i + 1}: ${turn.reply.text}`).toBe(
        null,
      );
    });
    expect(turns[0]!.reply.kind).toBe('greeting');
    // Only the last message ends the conversation: nothing before it was handed off or offered.
    for (const turn of turns.slice(0, -1)) {
      expect(turn.handoffReason, turn.reply.text).toBe(null);
      expect(turn.nextAction, turn.reply.text).toBe('continue_bot');
    }

    for (const slot of script.neverAsked ?? []) expect(turns.map((t) => t.reply.asked)).not.toContain(slot);

    const last = turns.at(-1)!;
    expectEnding(playbook, script, last);
    for (const [slot, value] of Object.entries(script.facts ?? {})) expect(last.facts[slot], slot).toEqual(value);
  });
});

describe('clinic: the day a patient wants to come', () => {
  const clinic = builtInPlaybook('clinic')!;
  // Patients name a day or a week far more often than a month or a year.
  it.each([
    ['id', 'Besok kalau bisa kak'],
    ['id', 'Hari ini bisa kak?'],
    ['id', 'Minggu ini kak'],
    ['en', 'Tomorrow if possible'],
    ['en', 'Today, if you have a slot'],
    ['en', 'Sometime this week'],
  ] as const)('%s: "%s" is soon', (language, answer) => {
    const opening =
      language === 'id'
        ? ['Halo kak, saya Dina, gigi saya ngilu', 'Mau tambal gigi', 'Belum pernah']
        : ["Hi, I'm Kevin, my tooth hurts", 'I need a filling', 'No, first time'];
    const turns = simulateConversation(clinic, [...opening, answer], { workspaceLanguage: language, now: NOW });
    expect(turns.at(-2)!.reply.asked).toBe('preferredDate');
    expect(turns.at(-1)!.facts.preferredDate).toEqual({ years: 0 });
    expect(turns.at(-1)!.lead.temperature).toBe('hot');
  });
});

function expectEnding(playbook: Playbook, script: Script, last: Decision): void {
  const { hot, warm } = playbook.rubric;
  const line = (text: { id: string; en: string }) => text[script.language];
  switch (script.ending) {
    case 'hot':
      expect(last.lead.score).toBeGreaterThanOrEqual(hot);
      expect(last.lead.temperature).toBe('hot');
      expect(last.reply.kind).toBe('consultation');
      expect(last.reply.text).toContain(line(playbook.lines.offerBooking));
      expect(last.nextAction).toBe('offer_consultation');
      expect(last.state).toBe('handoff');
      return;
    case 'booking':
      // Asked for, not earned: the offer comes whatever the score.
      expect(last.lead.score).toBeLessThan(hot);
      expect(last.reply.kind).toBe('consultation');
      expect(last.reply.text).toContain(line(playbook.lines.offerBooking));
      expect(last.nextAction).toBe('offer_consultation');
      expect(last.state).toBe('handoff');
      expect(last.handoffReason).toMatch(script.handoffReason ?? /book/i);
      return;
    case 'community':
      expect(last.lead.score).toBeLessThan(warm);
      expect(last.lead.temperature).toBe('cold');
      expect(last.reply.kind).toBe('community');
      expect(last.reply.text).toBe(line(playbook.lines.community).replace('{link}', LINK));
      expect(last.nextAction).toBe('offer_community');
      expect(last.state).toBe('qualifying');
      expect(last.handoffReason).toBe(null);
      return;
    case 'still_asking': {
      expect(last.lead.score).toBeLessThan(warm);
      expect(last.lead.temperature).toBe('cold');
      expect(last.reply.kind).toBe('question');
      const asked = playbook.slots.find((s) => s.id === last.reply.asked);
      expect(asked, 'a slot is asked').toBeDefined();
      expect(last.reply.text).toContain(line(asked!.question));
      expect(last.nextAction).toBe('continue_bot');
      expect(last.state).toBe('qualifying');
      expect(last.handoffReason).toBe(null);
      return;
    }
    case 'pricing':
      expectBand(playbook, script.band, last);
      expect(last.reply.kind).toBe('handoff');
      expect(last.reply.text).toBe(line(playbook.lines.handoffPricing));
      expect(last.nextAction).toBe('handoff_human');
      expect(last.state).toBe('handoff');
      expect(last.handoffReason).toMatch(/pric/i);
      return;
    case 'human':
      expectBand(playbook, script.band, last);
      expect(last.reply.kind).toBe('handoff');
      expect(last.reply.text).toBe(line(playbook.lines.handoffHuman));
      expect(last.nextAction).toBe('handoff_human');
      expect(last.state).toBe('handoff');
      expect(last.handoffReason).toMatch(script.handoffReason ?? /human|request|asked/i);
      return;
  }
}

function expectBand(playbook: Playbook, band: 'cold' | 'warm' | undefined, last: Decision): void {
  const { hot, warm } = playbook.rubric;
  expect(band, 'a handoff script names its band').toBeDefined();
  expect(last.lead.temperature).toBe(band);
  expect(last.lead.score).toBeLessThan(band === 'cold' ? warm : hot);
  if (band === 'warm') expect(last.lead.score).toBeGreaterThanOrEqual(warm);
}
