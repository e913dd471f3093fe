import type { Language } from '../core/vocabulary.js';
import type { Slot } from './slot.js';

const DAY_FORMAT: Record<Language, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }),
};

/**
 * A slot as a customer reads it, in the workspace's zone: "Jumat, 27 November, pukul 14.00 WIB",
 * "Friday 27 November, 14:00 WIB". The day is named from the slot's local date, so neither the
 * server's zone nor the formatter's can move it.
 */
export function formatSlot(slot: Pick<Slot, 'date' | 'time' | 'zone'>, language: Language): string {
  const day = formatSlotDay(slot, language);
  const time = formatSlotTime(slot, language);
  return language === 'id' ? `${day}, pukul ${time}` : `${day}, ${time}`;
}

/** The slot's local day alone: "Jumat, 27 November", "Friday 27 November". */
export function formatSlotDay(slot: Pick<Slot, 'date'>, language: Language): string {
  const [y, m, d] = slot.date.split('-').map(Number) as [number, number, number];
  return DAY_FORMAT[language].format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** The slot's local time with its zone: "14.00 WIB" (Indonesian writes a dot), "14:00 WIB". */
export function formatSlotTime(slot: Pick<Slot, 'time' | 'zone'>, language: Language): string {
  return `${language === 'id' ? slot.time.replace(':', '.') : slot.time} ${slot.zone}`;
}

/** The numbered list a customer answers with "2", "yang kedua" or a day and time. */
export function formatSlotList(slots: readonly Slot[], language: Language): string {
  return slots.map((slot, i) => `${i + 1}. ${formatSlot(slot, language)}`).join('\n');
}
