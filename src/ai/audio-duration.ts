/**
 * How long a voice note is, known before it is transcribed so that its worst-case
 * cost can be reserved. WhatsApp voice notes are Ogg/Opus: the last page's granule
 * position counts 48 kHz samples (less the stream's pre-skip). Anything else is
 * bounded by its size at Opus's lowest useful bitrate. Pure.
 */

/** 6 kbit/s: no speech codec WhatsApp uses packs a second into fewer bytes. */
const MIN_BYTES_PER_SECOND = 750;

export function audioDurationSeconds(bytes: Uint8Array): { seconds: number; exact: boolean } {
  const ogg = oggOpusSeconds(bytes);
  if (ogg !== null) return { seconds: ogg, exact: true };
  return { seconds: Math.ceil(bytes.length / MIN_BYTES_PER_SECOND), exact: false };
}

function oggOpusSeconds(bytes: Uint8Array): number | null {
  if (bytes.length < 58 || !isPage(bytes, 0)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The first page carries the OpusHead packet right after its segment table.
  const headAt = 27 + bytes[26]!;
  if (ascii(bytes, headAt, 8) !== 'OpusHead' || headAt + 12 > bytes.length) return null;
  const preSkip = view.getUint16(headAt + 10, true);
  // The last page: search back for its capture pattern (at most one page, ≤ 65 307 bytes).
  for (let at = bytes.length - 27; at >= 0 && at >= bytes.length - 65_307 - 27; at--) {
    if (!isPage(bytes, at)) continue;
    const granule = view.getBigUint64(at + 6, true);
    if (granule === 0xffffffffffffffffn) return null;
    const samples = Number(granule) - preSkip;
    return samples > 0 ? samples / 48_000 : 0;
  }
  return null;
}

function isPage(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0x4f && bytes[at + 1] === 0x67 && bytes[at + 2] === 0x67 && bytes[at + 3] === 0x53;
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}
