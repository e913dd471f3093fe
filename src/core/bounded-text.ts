/**
 * The prefix of a customer's message that the assistant reads. A message is stored
 * whole (WhatsApp allows 4,096 characters, a hostile client more), but the rules
 * engine and the prompts see at most MAX_TURN_TEXT characters of it: their work and
 * a prompt's cost stay bounded whatever arrives.
 */
export const MAX_TURN_TEXT = 2000;

export function boundedText(text: string): string {
  if (text.length <= MAX_TURN_TEXT) return text;
  const cut = text.slice(0, MAX_TURN_TEXT);
  // Never end on the first half of a surrogate pair.
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
