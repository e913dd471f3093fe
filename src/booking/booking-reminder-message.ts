/**
 * What a booking reminder says: free text inside the 24-hour window, or the workspace's approved
 * template filled with the booking's values outside it. Pure: the worker passes the facts in.
 */
import type { TemplateMessage } from '../channels/channel-sender.js';
import type { ReminderTemplateValue } from '../core/assistant-settings.js';
import type { Language } from '../core/vocabulary.js';
import { formatSlot, formatSlotDay, formatSlotTime } from './format-slot.js';
import { localTimeOf } from './slot-at.js';

export interface ReminderFacts {
  customerName: string | null;
  startsAt: Date;
  /** The workspace's zone: the time is told as its people read it (WIB, WITA, WIT). */
  timezone: string;
  resourceName: string;
  /** An address or a meeting link; '' when the resource has none. */
  location: string;
}

export interface ReminderTemplateSettings {
  name: string;
  language: string;
  bodyParameters: readonly ReminderTemplateValue[];
}

/** The reminder as a text message in the customer's language. */
export function reminderText(facts: ReminderFacts, language: Language): string {
  const when = formatSlot(localTimeOf(facts.startsAt, facts.timezone), language);
  const name = facts.customerName?.trim();
  const location = facts.location.trim();
  if (language === 'en') {
    return [
      `Hi${name ? ` ${name}` : ''}, a reminder of your appointment with ${facts.resourceName}: ${when}.`,
      ...(location ? [`Where: ${location}`] : []),
      'Reply "reschedule" to change the time or "cancel" to cancel it.',
    ].join('\n');
  }
  return [
    `Halo${name ? ` kak ${name}` : ' kak'}, kami ingatkan jadwal kakak dengan ${facts.resourceName}: ${when}.`,
    ...(location ? [`Tempat: ${location}`] : []),
    'Balas "ganti jadwal" untuk mengubah waktunya atau "batal" untuk membatalkan.',
  ].join('\n');
}

/**
 * The template filled with the booking's values, in the order its body numbers them
 * ({{1}}, {{2}}…), written in the template's language; and the text the inbox shows for it.
 */
export function reminderTemplate(
  facts: ReminderFacts,
  settings: ReminderTemplateSettings,
  customerLanguage: Language,
): { template: TemplateMessage; content: string } {
  const language = languageOfTemplate(settings.language) ?? customerLanguage;
  const slot = localTimeOf(facts.startsAt, facts.timezone);
  const values: Record<ReminderTemplateValue, string> = {
    name: facts.customerName?.trim() || (language === 'en' ? 'there' : 'Kak'),
    date: formatSlotDay(slot, language),
    time: formatSlotTime(slot, language),
    resource: facts.resourceName,
    // WhatsApp refuses an empty parameter.
    location: facts.location.trim() || '-',
  };
  const bodyParameters = settings.bodyParameters.map((value) => values[value]);
  const filled = bodyParameters.map((text, i) => `{{${i + 1}}} ${text}`).join(' · ');
  return {
    template: { name: settings.name, language: settings.language, bodyParameters },
    content: `[template ${settings.name}, ${settings.language}]${filled ? ` ${filled}` : ''}`,
  };
}

/** "en_US" → en, "id" → id; another language → null (the customer's is used). */
function languageOfTemplate(code: string): Language | null {
  const base = code.split('_')[0];
  return base === 'en' || base === 'id' ? base : null;
}
