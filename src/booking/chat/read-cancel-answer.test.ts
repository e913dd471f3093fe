import { describe, expect, it } from 'vitest';
import { readCancelAnswer } from './read-cancel-answer.js';

describe('readCancelAnswer', () => {
  it.each([
    ['YA', 'yes'],
    ['ya kak', 'yes'],
    ['Iya, batalkan saja', 'yes'],
    ['yes please', 'yes'],
    ['tidak', 'no'],
    ['gak jadi kak', 'no'],
    ['jangan dibatalkan', 'no'],
    ['No, keep it', 'no'],
    ['ya jangan dulu', null],
    ['ya?', null],
    ['ok', null],
    ['berapa biayanya kak?', null],
    ['2', null],
    ['', null],
  ])('%s → %s', (text, answer) => {
    expect(readCancelAnswer(text)).toBe(answer);
  });
});
