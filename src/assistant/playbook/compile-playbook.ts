/**
 * A playbook's words turned into matchers once (per playbook object): its words
 * become escaped literal alternations (linear in the text), its patterns run on
 * RE2. The engine reads messages only through these.
 */
import { compileLinearPattern, type LinearPattern } from './linear-pattern.js';
import type { Playbook, PlaybookSlot } from './playbook-schema.js';

export interface CompiledSlot {
  slot: PlaybookSlot;
  choices: Array<{ value: string; meansNo: boolean; words: RegExp | null }>;
  /** The words naming the slot's subject. */
  words: RegExp | null;
  /** A number right after one of the slot's words ("IELTS 7", "umur 25"). */
  numberAfterWords: RegExp | null;
  patterns: LinearPattern[];
}

export interface CompiledPlaybook {
  slots: CompiledSlot[];
  /** Extra words and patterns per signal id (standard signals have the engine's own words too). */
  signals: Map<string, { words: RegExp | null; patterns: LinearPattern[] }>;
}

const cache = new WeakMap<Playbook, CompiledPlaybook>();

export function compilePlaybook(playbook: Playbook): CompiledPlaybook {
  let compiled = cache.get(playbook);
  if (!compiled) {
    compiled = {
      slots: playbook.slots.map((slot) => {
        const words = [...slot.words.id, ...slot.words.en];
        return {
          slot,
          choices: slot.choices.map((c) => ({
            value: c.value,
            meansNo: c.meansNo,
            words: wordsPattern([c.value, ...c.words.id, ...c.words.en].filter((w) => !c.meansNo || w !== c.value)),
          })),
          words: wordsPattern(words),
          numberAfterWords:
            words.length > 0
              ? new RegExp(`${alternation(words)}[^0-9]{0,12}(\\d{1,9}(?:[.,]\\d{1,3}){0,3})`, 'i')
              : null,
          patterns: slot.patterns.map(compileLinearPattern),
        };
      }),
      signals: new Map(
        playbook.signals.map((s) => [
          s.id,
          { words: wordsPattern([...s.words.id, ...s.words.en]), patterns: s.patterns.map(compileLinearPattern) },
        ]),
      ),
    };
    cache.set(playbook, compiled);
  }
  return compiled;
}

/** Whole words or phrases, case-insensitive; null when there are none. */
function wordsPattern(words: string[]): RegExp | null {
  return words.length > 0 ? new RegExp(alternation(words), 'i') : null;
}

function alternation(words: string[]): string {
  const escaped = [...new Set(words.map((w) => w.toLowerCase()))]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s{1,3}'));
  // \b only where the word itself starts or ends with a word character ("ph.d", "master's" still match).
  return `(?:${escaped.map((w) => `${/^\w/.test(w) ? '\\b' : ''}${w}${/\w$/.test(w) ? '\\b' : ''}`).join('|')})`;
}
