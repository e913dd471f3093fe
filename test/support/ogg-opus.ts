/**
 * A small valid Ogg/Opus stream made in memory: an OpusHead page, an OpusTags
 * page, then audio pages whose last granule position says how long it is (48 kHz
 * samples). The audio packets are Opus silence frames (TOC 0xF8 + nothing: a
 * 20 ms CELT frame that decodes to silence). Pages carry real CRCs.
 */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff]!) >>> 0;
  return crc;
}

function page(packets: Uint8Array[], granule: bigint, sequence: number, flags: number): Uint8Array {
  const lacing: number[] = [];
  for (const p of packets) {
    let left = p.length;
    while (left >= 255) {
      lacing.push(255);
      left -= 255;
    }
    lacing.push(left);
  }
  const bodyLength = packets.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(27 + lacing.length + bodyLength);
  const view = new DataView(out.buffer);
  out.set([0x4f, 0x67, 0x67, 0x53], 0); // "OggS"
  out[4] = 0; // version
  out[5] = flags;
  view.setBigUint64(6, granule, true);
  view.setUint32(14, 0x41524931, true); // stream serial "ARI1"
  view.setUint32(18, sequence, true);
  out[26] = lacing.length;
  out.set(lacing, 27);
  let at = 27 + lacing.length;
  for (const p of packets) {
    out.set(p, at);
    at += p.length;
  }
  view.setUint32(22, crc32(out), true);
  return out;
}

export const OPUS_PRE_SKIP = 312;

export function makeOggOpus(seconds: number): Uint8Array {
  const head = new Uint8Array(19);
  head.set(new TextEncoder().encode('OpusHead'), 0);
  const hv = new DataView(head.buffer);
  head[8] = 1; // version
  head[9] = 1; // mono
  hv.setUint16(10, OPUS_PRE_SKIP, true);
  hv.setUint32(12, 16_000, true); // input sample rate (informational)
  const vendor = new TextEncoder().encode('ari-test');
  const tags = new Uint8Array(8 + 4 + vendor.length + 4);
  tags.set(new TextEncoder().encode('OpusTags'), 0);
  new DataView(tags.buffer).setUint32(8, vendor.length, true);
  tags.set(vendor, 12);
  const frames = Math.round((seconds * 1000) / 20);
  const pages = [page([head], 0n, 0, 0x02), page([tags], 0n, 1, 0)];
  // 50 frames (one second) per page.
  for (let done = 0, sequence = 2; done < frames; sequence++) {
    const count = Math.min(50, frames - done);
    done += count;
    const packets = Array.from({ length: count }, () => new Uint8Array([0xf8]));
    const granule = BigInt(done * 960 + OPUS_PRE_SKIP);
    pages.push(page(packets, granule, sequence, done === frames ? 0x04 : 0));
  }
  const total = pages.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pages) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
