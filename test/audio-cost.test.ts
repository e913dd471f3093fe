import { describe, expect, it } from 'vitest';
import { makeOggOpus } from './support/ogg-opus.js';
import { audioDurationSeconds } from '../src/ai/audio-duration.js';
import { audioCostUsd } from '../src/prices/compute-cost.js';
import { BUILT_IN_PRICES, findPrice } from '../src/prices/price-table.js';

const at = new Date('2026-11-26T00:00:00Z');

describe('voice note length and price', () => {
  it('reads an Ogg/Opus stream length from its last granule position, less the pre-skip', () => {
    expect(audioDurationSeconds(makeOggOpus(3))).toEqual({ seconds: 3, exact: true });
    expect(audioDurationSeconds(makeOggOpus(61.5))).toEqual({ seconds: 61.5, exact: true });
  });

  it('bounds anything else by its size at 6 kbit/s', () => {
    expect(audioDurationSeconds(new Uint8Array(7500))).toEqual({ seconds: 10, exact: false });
    expect(audioDurationSeconds(new Uint8Array(7501))).toEqual({ seconds: 11, exact: false });
  });

  it('prices whole seconds per audio minute, exactly, with the entry minimum', () => {
    const openai = findPrice(BUILT_IN_PRICES, 'openai', 'whisper-1', at)!;
    expect(audioCostUsd(60, openai)).toBe('0.006000000000');
    expect(audioCostUsd(3.2, openai)).toBe('0.000400000000'); // 4 s
    const groq = findPrice(BUILT_IN_PRICES, 'groq', 'whisper-large-v3', at)!;
    expect(audioCostUsd(3, groq)).toBe(audioCostUsd(10, groq)); // Groq bills 10 s at least
    // 10 s of USD 0.00185 a minute = 0.000308333… rounded up to the pico-dollar.
    expect(audioCostUsd(10, groq)).toBe('0.000308333334');
    expect(audioCostUsd(600, findPrice(BUILT_IN_PRICES, 'whisper', 'large-v3', at)!)).toBe('0.000000000000');
  });
});
