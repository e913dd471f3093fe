/**
 * The built-in playbooks for Indonesian SMEs (property, clinic, course) are valid
 * data and well-formed beyond what the schema checks: every slot is asked or
 * scored somewhere, every category can earn its whole weight, every question is a
 * question in both languages. (What they do in a conversation:
 * scripted-conversations.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { brainOutputSchema } from '../assistant/lead/brain-output.js';
import { readMessage } from '../assistant/rules/read-message.js';
import { type Playbook, type PlaybookInput, playbookSchema } from '../assistant/playbook/playbook-schema.js';
import { BUILT_IN_PLAYBOOKS, builtInPlaybook } from './built-in-playbooks.js';
import { clinic } from './clinic.js';
import { course } from './course.js';
import { property } from './property.js';
import { studyAbroad } from './study-abroad.js';

const INPUTS: Record<string, PlaybookInput> = { property, clinic, course };

describe.each(Object.entries(INPUTS))('built-in playbook %s', (id, input) => {
  const parsed = playbookSchema.safeParse(input);
  const playbook = parsed.data as Playbook;

  it('parses with the playbook schema and is registered under its id', () => {
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(playbook.id).toBe(id);
    expect(builtInPlaybook(id)).toEqual(playbook);
    expect(BUILT_IN_PLAYBOOKS.has('study-abroad')).toBe(true);
  });

  it('asks every required slot in some stage and scores or asks every slot', () => {
    const asked = new Set(playbook.stages.flatMap((s) => s.slots));
    const scored = new Set(
      playbook.rubric.categories.flatMap((c) =>
        c.earn.flatMap((rule) => ('when' in rule ? rule.when.flatMap((w) => ('slot' in w ? [w.slot] : [])) : [])),
      ),
    );
    for (const slot of playbook.slots) {
      if (slot.required) expect(asked, `${slot.id} is asked`).toContain(slot.id);
      expect(asked.has(slot.id) || scored.has(slot.id), `${slot.id} is used`).toBe(true);
    }
    expect(playbook.stages.at(-1)!.state).toBe('scheduling');
  });

  it('lets every rubric category earn its whole weight, with hot and warm in between', () => {
    for (const category of playbook.rubric.categories) {
      const shares = category.earn.reduce((sum, rule) => sum + ('share' in rule ? rule.share : 1), 0);
      expect(shares, category.id).toBeGreaterThanOrEqual(1 - 1e-9);
    }
    expect(playbook.rubric.warm).toBeGreaterThan(0);
    expect(playbook.rubric.hot).toBeLessThan(100);
  });

  it('asks every question, in both languages, and gives every choice words in both', () => {
    for (const slot of playbook.slots) {
      expect(slot.question.id, slot.id).toMatch(/\?$/);
      expect(slot.question.en, slot.id).toMatch(/\?$/);
      expect(slot.question.id).not.toBe(slot.question.en);
      for (const choice of slot.choices) {
        if (choice.meansNo) continue;
        expect(choice.words.id.length, `${slot.id}.${choice.value} id`).toBeGreaterThan(0);
        expect(choice.words.en.length, `${slot.id}.${choice.value} en`).toBeGreaterThan(0);
      }
    }
  });

  it("gives a model Brain a JSON schema with the rubric's categories and every choice's values", () => {
    const schema = brainOutputSchema(playbook);
    const json = z.toJSONSchema(schema, { io: 'input' }) as unknown as {
      properties: { points: { properties: object }; facts: { properties: Record<string, unknown> } };
    };
    expect(Object.keys(json.properties.points.properties)).toEqual(playbook.rubric.categories.map((c) => c.id));
    expect(Object.keys(json.properties.facts.properties)).toEqual(playbook.slots.map((s) => s.id));
    const choiceSlot = playbook.slots.find((s) => s.kind === 'choice')!;
    const answer = (value: string) => ({
      points: Object.fromEntries(playbook.rubric.categories.map((c) => [c.id, 0])),
      facts: { [choiceSlot.id]: value },
      state: 'qualifying',
      next_action: 'continue_bot',
      reasoning: 'test',
    });
    for (const choice of choiceSlot.choices) expect(schema.safeParse(answer(choice.value)).success).toBe(true);
    expect(schema.safeParse(answer('something invented')).success).toBe(false);
  });

  it('reads a hostile 64 KiB message in under 100 ms, whichever slot was asked', () => {
    const fill = (unit: string) => unit.repeat(Math.ceil(65536 / unit.length)).slice(0, 65536);
    const now = new Date('2026-11-26T02:00:00Z');
    // Runs of digits, of a slot word and its number, of a place name: what the words and patterns scan.
    for (const text of [fill('1 '), fill('1.'), fill('3 kamar '), fill('jakarta selatan '), `saya ${fill('a ')}`]) {
      for (const asked of [null, ...playbook.slots.map((s) => s.id)]) {
        let best = Number.POSITIVE_INFINITY;
        for (let i = 0; i < 3; i++) {
          const started = performance.now();
          readMessage(playbook, text, asked, {}, now);
          best = Math.min(best, performance.now() - started);
        }
        // Idle it takes a few milliseconds; 100 ms leaves room for a busy machine.
        expect(best, `${text.slice(0, 12)}… with ${asked} asked`).toBeLessThan(100);
      }
    }
  });

  it('has its own greeting, booking offer and pricing handoff, each line in both languages', () => {
    for (const [key, line] of Object.entries(playbook.lines)) {
      if (key === 'acknowledgements') continue;
      const { id: indonesian, en: english } = line as { id: string; en: string };
      expect(indonesian, key).not.toBe(english);
    }
    for (const other of [...Object.values(INPUTS), studyAbroad]) {
      if (other === input) continue;
      expect(playbook.lines.offerBooking).not.toEqual(other.lines.offerBooking);
      expect(playbook.lines.handoffPricing).not.toEqual(other.lines.handoffPricing);
      expect(playbook.lines.greeting).not.toEqual(other.lines.greeting);
    }
  });
});
