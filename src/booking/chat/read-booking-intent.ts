/** What a customer who holds a booking may ask of it in the chat. */
export type BookingIntent = 'reschedule' | 'cancel';

const NO =
  '\\b(?:tidak|tdk|tak|gak|ga|gk|nggak|ngga|enggak|engga|ndak|nda|jangan|jgn|bukan|belum|blm|dont|do\\s+not|not|never|no)\\b';
/** "Kalau hujan", "if needed", "nanti", "maybe": not a request made now. */
const HEDGE =
  '\\b(?:kalau|kalo|klo|jika|jikalau|apabila|bila|seandainya|andai|andaikan|misal|misalnya|nanti|mungkin|if|unless|in\\s+case|whether|later|maybe|perhaps|might)\\b';
/** A clause that opens like a question ("apakah…", "can I…") even without its "?". */
const ASKING =
  '^\\s*(?:apakah|apa|bisakah|bolehkah|gimana|bagaimana|can|could|may|should|is|are|will|would|do|does|what|how)\\b';
const RESCHEDULE = new RegExp(
  [
    // "ganti jadwal", "pindah jam", "ubah hari", "undur jadwalnya", "jadwalnya diganti"
    '\\b(?:ganti|gantikan|diganti|pindah|pindahkan|dipindah|ubah|diubah|geser|digeser|undur|diundur|majukan|dimajukan|tukar)\\s+(?:ke\\s+)?(?:jadwal|waktu|jam|hari|tanggal|tgl)',
    '\\b(?:jadwal|waktu|jam|hari)(?:nya)?\\s+(?:mau\\s+|boleh\\s+|bisa\\s+)?(?:diganti|dipindah|diubah|digeser|diundur|dimajukan)\\b',
    '\\bre-?schedul(?:e|ed|ing)?\\b',
    '\\b(?:change|move|shift|push\\s+back)\\s+(?:my\\s+|the\\s+)?(?:appointment|booking|consultation|meeting|visit|time|slot|schedule)\\b',
    '\\b(?:another|a\\s+different)\\s+(?:time|day|slot)\\b',
  ].join('|'),
);
const CANCEL =
  /\b(?:batal|batalkan|batalin|dibatalkan|dibatalin|membatalkan|cancel|cancelled|canceled|cancelling|canceling)\b/;

/**
 * "Ganti jadwal", "reschedule", "pindah jadwal", "ubah jadwal" ask to move the booking;
 * "batal", "batalkan", "cancel" to cancel it. Read clause by clause: a clause with a negation
 * anywhere ("saya tidak mau batal", "jangan sampai batal ya", "don't cancel"), a condition or a
 * deferral ("kalau hujan saya batal", "nanti"), asks nothing; a question ("bisa dibatalkan?",
 * "can I cancel later?") does not cancel (moving only offers times, so a question may ask it).
 * Asked together ("batal yang jam 2, ganti jadwal ke besok"), moving wins: it keeps the
 * booking until another time is chosen, where cancelling would lose it.
 */
export function readBookingIntent(text: string): BookingIntent | null {
  let cancel = false;
  for (const raw of clausesOf(text)) {
    const question = raw.includes('?') || new RegExp(ASKING).test(normalize(raw));
    const said = ` ${normalize(raw)} `;
    if (new RegExp(NO).test(said) || new RegExp(HEDGE).test(said)) continue;
    if (RESCHEDULE.test(said)) return 'reschedule';
    if (!question && CANCEL.test(said)) cancel = true;
  }
  return cancel ? 'cancel' : null;
}

/** Sentences, and their parts around a comma or a "but". */
function clausesOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .split(/(?<=[.!?;,\n])|\b(?:tapi|tetapi|namun|but)\b/)
    .filter((clause) => clause.trim() !== '');
}

function normalize(clause: string): string {
  return clause.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
