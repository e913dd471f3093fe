/** What a customer who holds a booking may ask of it in the chat. */
export type BookingIntent = 'reschedule' | 'cancel';

const NO = '(?:tidak|tdk|gak|ga|gk|nggak|ngga|enggak|engga|jangan|jgn|dont|do\\s+not|not|never)';
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
const CANCEL = new RegExp(
  `(?<!${NO}\\s+(?:jadi\\s+)?)\\b(?:batal|batalkan|batalin|dibatalkan|dibatalin|membatalkan|cancel|cancelled|canceled|cancelling|canceling)\\b`,
);

/**
 * "Ganti jadwal", "reschedule", "pindah jadwal", "ubah jadwal" ask to move the booking;
 * "batal", "batalkan", "cancel" to cancel it ("gak jadi batal", "don't cancel" do not).
 * Asked together ("batal yang jam 2, ganti jadwal ke besok"), moving wins: it keeps the
 * booking until another time is chosen, where cancelling would lose it.
 */
export function readBookingIntent(text: string): BookingIntent | null {
  const said = ` ${text
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
  if (RESCHEDULE.test(said)) return 'reschedule';
  if (CANCEL.test(said)) return 'cancel';
  return null;
}
