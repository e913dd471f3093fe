/**
 * Weekly hours as one line of text, for the command line: "mon-fri 09:00-17:00",
 * "mon-thu 09:00-12:00,13:00-17:00; sat 09:00-12:00", "off" (no hours). Day names in
 * English or Indonesian (sen, sel, rab, kam, jum, sab, min); a range may wrap (fri-mon).
 * Read here, checked by weeklyAvailabilityInput where it is saved.
 */
import { UserError } from '../core/user-error.js';
import type { WeeklyWindow } from './slot.js';

const DAY_NAMES: Record<string, number> = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  min: 0,
  sen: 1,
  sel: 2,
  rab: 3,
  kam: 4,
  jum: 5,
  sab: 6,
};
const SHORT = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const CLOCK = /^(\d{1,2})[:.](\d{2})$/;

export function parseWeeklyHours(text: string): WeeklyWindow[] {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'off' || trimmed === 'none' || trimmed === '') return [];
  const windows: WeeklyWindow[] = [];
  for (const group of trimmed.split(';').map((g) => g.trim())) {
    const match = /^(\S+)\s+(\S+)$/.exec(group.replace(/\s*([,-])\s*/g, '$1'));
    if (!match) throw new UserError(`"${group}": write days and hours, e.g. "mon-fri 09:00-17:00"`);
    const days = readDays(match[1]!);
    for (const range of match[2]!.split(',')) {
      const [start, end, extra] = range.split('-');
      if (!start || !end || extra !== undefined)
        throw new UserError(`"${range}": write hours as HH:MM-HH:MM, e.g. 09:00-17:00`);
      for (const weekday of days) windows.push({ weekday, startTime: readClock(start), endTime: readClock(end) });
    }
  }
  return windows;
}

/** The same form back, days with the same hours together: "mon-fri 09:00-17:00; sat 09:00-12:00". */
export function formatWeeklyHours(windows: readonly WeeklyWindow[]): string {
  const hoursOf = (weekday: number) =>
    windows
      .filter((w) => w.weekday === weekday)
      .sort((a, b) => a.startTime.localeCompare(b.startTime))
      .map((w) => `${w.startTime}-${w.endTime}`)
      .join(',');
  const groups: Array<{ hours: string; days: number[] }> = [];
  // Monday first, as people read a week.
  for (const weekday of [1, 2, 3, 4, 5, 6, 0]) {
    const hours = hoursOf(weekday);
    if (!hours) continue;
    const same = groups.find((g) => g.hours === hours);
    if (same) same.days.push(weekday);
    else groups.push({ hours, days: [weekday] });
  }
  if (groups.length === 0) return 'off';
  return groups.map((g) => `${dayRuns(g.days)} ${g.hours}`).join('; ');
}

function readDays(spec: string): number[] {
  const days = new Set<number>();
  for (const part of spec.split(',')) {
    const [from, to, extra] = part.split('-');
    const first = dayNumber(from!);
    if (extra !== undefined) throw new UserError(`"${part}": a day range is two days, e.g. mon-fri`);
    if (to === undefined) {
      days.add(first);
      continue;
    }
    const last = dayNumber(to);
    for (let d = first; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === last) break;
    }
  }
  return [...days];
}

function dayNumber(name: string): number {
  const day = DAY_NAMES[name.slice(0, 3)];
  if (day === undefined || name.length < 3)
    throw new UserError(`"${name}" is not a day: use mon, tue, wed, thu, fri, sat, sun (or sen … min)`);
  return day;
}

function readClock(text: string): string {
  const match = CLOCK.exec(text);
  if (!match) throw new UserError(`"${text}" is not a time: write HH:MM, e.g. 09:00`);
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
}

/** [1,2,3,4,5,0] → "mon-fri,sun": consecutive days (in the order given) as ranges. */
function dayRuns(days: number[]): string {
  const runs: number[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && (run.at(-1)! + 1) % 7 === day) run.push(day);
    else runs.push([day]);
  }
  return runs
    .map((run) => (run.length > 2 ? `${SHORT[run[0]!]}-${SHORT[run.at(-1)!]}` : run.map((d) => SHORT[d]).join(',')))
    .join(',');
}
