/**
 * A playbook's own patterns (extraction hints, signal words) are written by a
 * business, not by us, so they run on RE2 (re2js): a linear-time engine, whatever
 * the pattern and whatever the customer writes. Patterns RE2 cannot run
 * (backreferences, lookaround) are refused, and so are nested quantifiers like
 * `(a+)+`: harmless here, but catastrophic the day the playbook is used by a
 * backtracking engine, so a playbook stays portable.
 */
import { RE2JS } from 're2js';
import { boundedText } from '../../core/bounded-text.js';
import isSafeRegex from 'safe-regex2';

const MAX_PATTERN_LENGTH = 200;

/** Why a pattern is refused, or null when it is fine. */
export function patternProblem(source: string): string | null {
  if (source.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    RE2JS.compile(source);
  } catch (error) {
    return `not a linear-time pattern: ${(error as Error).message}`;
  }
  if (!isSafeRegex(source))
    return 'nested quantifiers (such as (a+)+) backtrack catastrophically: bound or flatten them';
  return null;
}

export interface LinearPattern {
  /** The first match's first group (or the whole match), or null. */
  find(text: string): string | null;
}

export function compileLinearPattern(source: string): LinearPattern {
  const pattern = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  return {
    find(text) {
      // Linear, but RE2 in JavaScript costs about a microsecond a character: only the bounded
      // prefix the engine reads anyway (a 64 KiB message would cost 20 ms a pattern).
      const matcher = pattern.matcher(boundedText(text));
      if (!matcher.find()) return null;
      return (matcher.groupCount() > 0 ? matcher.group(1) : null) ?? matcher.group(0);
    },
  };
}
