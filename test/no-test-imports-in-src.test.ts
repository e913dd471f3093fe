/** The shipped code stands alone: nothing under src/ imports from test/. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('src/', () => {
  it('imports nothing from test/', () => {
    const offenders = (fs.readdirSync('src', { recursive: true }) as string[])
      .filter((file) => file.endsWith('.ts'))
      .filter((file) => /from\s+'(\.\.\/)+test\//.test(fs.readFileSync(path.join('src', file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
