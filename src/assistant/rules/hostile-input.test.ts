/**
 * The rules engine reads any text in linear time: 64 KiB built to make regexes
 * backtrack goes through every reader, uncapped, within a small bound each.
 */
import { describe, expect, it } from 'vitest';
import { builtInPlaybook } from '../../playbooks/built-in-playbooks.js';
import { playbookSchema } from '../playbook/playbook-schema.js';
import { buildMouthPrompt } from '../mouth-prompt.js';
import { boundedText, MAX_TURN_TEXT } from '../../core/bounded-text.js';
import { findKnowledge, findPricingKnowledge } from './find-knowledge.js';
import { detectLanguage } from './language-words.js';
import { readMessage } from './read-message.js';
import { rulesTurn } from './rules-turn.js';

const SIZE = 64 * 1024;

/** A small seeded generator (mulberry32): the same "random" Unicode on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomUnicode(seed: number): string {
  const next = seeded(seed);
  // Letters, digits, separators and the characters the patterns care about, plus any BMP and astral code points.
  const alphabet = ['a', '1', '.', ',', ' ', '@', '-', '+', 'Rp', 'juta', 'ielts', 'saya ', '\n', 'é', 'ß'];
  let out = '';
  while (out.length < SIZE) {
    const r = next();
    if (r < 0.6) out += alphabet[Math.floor(next() * alphabet.length)];
    else if (r < 0.9) out += String.fromCodePoint(0x20 + Math.floor(next() * 0xd7ff - 0x20));
    else out += String.fromCodePoint(0x10000 + Math.floor(next() * 0xfffff));
  }
  return out.slice(0, SIZE);
}

const repeat = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

const HOSTILE: Record<string, string> = {
  'repeated "1."': repeat('1.'),
  'a…a@': `${'a'.repeat(SIZE - 1)}@`,
  'a@ repeated': repeat('a@'),
  'a.a.a… with an @ at the end': `${repeat('a.').slice(0, SIZE - 2)}@a`,
  '1 1 1 …': repeat('1 '),
  '1,1,1… then juta-less': repeat('1,'),
  'Rp 1.1.1…': `Rp ${repeat('1.')}`,
  'saya a a a …': `saya ${repeat('a ')}`,
  'sertifikat …': repeat('sertifikat '),
  'semua dokumen …': repeat('semua dokumen '),
  'ielts ielts …': repeat('ielts '),
  'spaces then a word': `${' '.repeat(SIZE - 5)}tahun`,
  'random Unicode (seed 1)': randomUnicode(1),
  'random Unicode (seed 2)': randomUnicode(2),
  'random Unicode (seed 3)': randomUnicode(3),
};

const settings = {
  language: 'id' as const,
  greetingTemplate: 'Selamat {waktu} kak {nama}!',
  communityLink: null,
  consultationOffer: null,
  knowledgeEntries: [
    { category: 'biaya', title: 'Biaya kuliah', content: 'Biaya mulai Rp 100 juta.', keywords: ['biaya', 'fee'] },
  ],
};

/**
 * Study abroad plus a business's own patterns that a backtracking engine would take
 * exponential time over (`(a|aa)*b` on a run of "a"s): they run on RE2, so they cannot.
 */
const studyAbroad = builtInPlaybook('study-abroad')!;
const playbook = playbookSchema.parse({
  ...studyAbroad,
  slots: [
    ...studyAbroad.slots,
    { ...studyAbroad.slots[0]!, id: 'nickname', kind: 'text', patterns: ['(a|aa)*b', '(x|y|xy){1,99}z'] },
  ],
  signals: [...studyAbroad.signals, { id: 'vip', words: { id: ['vip'], en: ['vip'] }, patterns: ['(a|aa)*c'] }],
});

/** The best of five runs: the bound is about the algorithm, not a busy machine's worst moment. */
function fastest(run: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

// Idle, each reader takes a few milliseconds on 64 KiB; the old quadratic patterns took 0.7–4 s.
// 100 ms keeps that gap wide and still passes on a CI machine shared by many jobs.
const BOUND_MS = 100;
const now = new Date('2026-11-26T02:00:00Z');

describe('hostile input through every reader of the rules engine', () => {
  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`${name}: each reader finishes in under ${BOUND_MS} ms on 64 KiB`, () => {
      expect(text.length).toBeGreaterThanOrEqual(SIZE - 2);
      const timings = {
        readMessage: fastest(() => readMessage(playbook, text, null, {}, now)),
        'readMessage (a slot asked)': fastest(() => readMessage(playbook, text, 'name', {}, now)),
        'readMessage (budget asked)': fastest(() => readMessage(playbook, text, 'budget', {}, now)),
        'readMessage (english asked)': fastest(() => readMessage(playbook, text, 'englishTest', {}, now)),
        'readMessage (passport asked)': fastest(() => readMessage(playbook, text, 'passport', {}, now)),
        detectLanguage: fastest(() => detectLanguage(text)),
        findKnowledge: fastest(() => findKnowledge(settings.knowledgeEntries, text)),
        findPricingKnowledge: fastest(() => findPricingKnowledge(settings.knowledgeEntries, text)),
        rulesTurn: fastest(() =>
          rulesTurn({
            playbook,
            signalsSeen: [],
            assistantTurns: 0,
            settings,
            workspaceName: 'Eagle',
            timezone: 'Asia/Jakarta',
            facts: null,
            state: 'greeting',
            burst: [{ text }],
            askedSlot: 'timeline',
            greeted: true,
            communityOffered: false,
            userMessageCount: 1,
            previousLanguage: null,
            now,
          }),
        ),
        buildMouthPrompt: fastest(() =>
          buildMouthPrompt({
            botName: 'Ari',
            workspaceName: 'Eagle',
            persona: '',
            tone: '',
            language: 'id',
            state: 'qualifying',
            playbook,
            stage: 'qualifying',
            facts: {},
            knowledge: [],
            nextQuestion: null,
            history: [{ role: 'user', content: text }],
          }),
        ),
      };
      const slow = Object.entries(timings).filter(([, ms]) => ms >= BOUND_MS);
      expect(slow).toEqual([]);
    });
  }
});

describe('bounded text', () => {
  it('keeps a prefix of at most MAX_TURN_TEXT characters, never half a surrogate pair', () => {
    expect(boundedText('hello')).toBe('hello');
    expect(boundedText('x'.repeat(5000))).toHaveLength(MAX_TURN_TEXT);
    const astral = `${'a'.repeat(MAX_TURN_TEXT - 1)}😀tail`;
    const bounded = boundedText(astral);
    expect(bounded).toBe('a'.repeat(MAX_TURN_TEXT - 1));
    expect(/[\uD800-\uDBFF]$/.test(bounded)).toBe(false);
  });

  it('the Mouth prompt and the rules engine see only the bounded prefix of a long message', () => {
    const long = `nama saya Budi, ${'x '.repeat(3000)} email budi@example.com`;
    const { messages } = buildMouthPrompt({
      botName: 'Ari',
      workspaceName: 'Eagle',
      persona: '',
      tone: '',
      language: 'id',
      state: 'qualifying',
      playbook,
      stage: 'qualifying',
      facts: {},
      knowledge: [],
      nextQuestion: null,
      history: [{ role: 'user', content: long }],
    });
    expect(messages[0]!.content).toHaveLength(MAX_TURN_TEXT);
    const turn = rulesTurn({
      playbook,
      signalsSeen: [],
      assistantTurns: 0,
      settings,
      workspaceName: 'Eagle',
      timezone: 'Asia/Jakarta',
      facts: null,
      state: 'greeting',
      burst: [{ text: long }],
      askedSlot: null,
      greeted: true,
      communityOffered: false,
      userMessageCount: 1,
      previousLanguage: null,
      now,
    });
    expect(turn.facts.name).toBe('Budi');
    // The e-mail address sits past the prefix: the engine never read it.
    expect(turn.facts.email).toBeUndefined();
  });
});
