import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './csv.js';

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', 3, null])).toBe('"a,b","say ""hi""","two\nlines",3,\r\n');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+cmd|/c calc')).toBe(`'+cmd|/c calc`);
    expect(csvField('-2+3+cmd|/c calc')).toBe(`'-2+3+cmd|/c calc`);
    expect(csvField('@SUM(A1:A9)')).toBe(`'@SUM(A1:A9)`);
    expect(csvField('\t=1+1')).toBe(`'\t=1+1`);
    expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
  });

  it('leaves numbers, phone numbers and ordinary text alone', () => {
    expect(csvField('+6281234567890')).toBe('+6281234567890');
    expect(csvField(-3)).toBe('-3');
    expect(csvField('-3.5')).toBe('-3.5');
    expect(csvField('Sarah = happy')).toBe('Sarah = happy');
  });
});
