/**
 * The greeting's time of day in the workspace's time zone (WIB is UTC+7, no DST):
 * pagi 05–11, siang 11–15, sore 15–18, malam otherwise.
 */
import type { Language } from '../../core/vocabulary.js';

export function hourIn(timezone: string, now: Date): number {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', hourCycle: 'h23' }).format(now);
  return Number(hour);
}

export function timeOfDay(timezone: string, now: Date, language: Language): string {
  const hour = hourIn(timezone, now);
  if (language === 'en') return hour >= 5 && hour < 12 ? 'morning' : hour >= 12 && hour < 18 ? 'afternoon' : 'evening';
  if (hour >= 5 && hour < 11) return 'pagi';
  if (hour >= 11 && hour < 15) return 'siang';
  if (hour >= 15 && hour < 18) return 'sore';
  return 'malam';
}
