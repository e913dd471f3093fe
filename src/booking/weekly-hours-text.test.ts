import { describe, expect, it } from 'vitest';
import { UserError } from '../core/user-error.js';
import { formatWeeklyHours, parseWeeklyHours } from './weekly-hours-text.js';

const week = (days: number[], startTime: string, endTime: string) =>
  days.map((weekday) => ({ weekday, startTime, endTime }));

describe('weekly hours as text', () => {
  it.each([
    ['mon-fri 09:00-17:00', week([1, 2, 3, 4, 5], '09:00', '17:00')],
    ['Mon-Fri 9.00-17.00', week([1, 2, 3, 4, 5], '09:00', '17:00')],
    ['sen-jum 08:00-16:00', week([1, 2, 3, 4, 5], '08:00', '16:00')],
    ['sat 09:00-12:00', week([6], '09:00', '12:00')],
    ['fri-mon 10:00-11:00', week([5, 6, 0, 1], '10:00', '11:00')],
    ['mon,wed 09:00-24:00', week([1, 3], '09:00', '24:00')],
    [
      'mon-tue 09:00-12:00, 13:00-17:00; sat 09:00-12:00',
      [...week([1, 2], '09:00', '12:00'), ...week([1, 2], '13:00', '17:00'), ...week([6], '09:00', '12:00')],
    ],
    ['off', []],
  ])('reads %j', (text, windows) => {
    expect(parseWeeklyHours(text)).toEqual(windows);
  });

  it.each([
    ['mon-fri', /write days and hours/],
    ['funday 09:00-17:00', /"funday" is not a day/],
    ['mon-fri 9-17', /write hours as HH:MM-HH:MM|"9" is not a time/],
    ['mon-fri 09:00', /write hours as HH:MM-HH:MM/],
    ['mon-wed-fri 09:00-17:00', /a day range is two days/],
  ])('refuses %j with a clear reason', (text, reason) => {
    expect(() => parseWeeklyHours(text)).toThrow(UserError);
    expect(() => parseWeeklyHours(text)).toThrow(reason);
  });

  it('writes hours back in the form it reads, days with the same hours together', () => {
    const text = 'mon-fri 09:00-12:00,13:00-17:00; sat 09:00-12:00';
    expect(formatWeeklyHours(parseWeeklyHours(text))).toBe(text);
    expect(formatWeeklyHours(parseWeeklyHours('mon,wed,sun 10:00-11:00'))).toBe('mon,wed,sun 10:00-11:00');
    expect(formatWeeklyHours([])).toBe('off');
  });
});
