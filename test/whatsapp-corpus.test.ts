/**
 * Every documented payload in test/fixtures/whatsapp through the parser of its
 * channel: no crash, the expected events by kind, the expected rejections, and the
 * fields that matter (text, name, identity, media).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChannelEvent, MessageEvent, ParsedDelivery } from '../src/channels/channel-event.js';
import { parseKapsoWebhook } from '../src/channels/kapso/parse-kapso-webhook.js';
import { parseMetaWebhook } from '../src/channels/meta/parse-meta-webhook.js';

const DIR = new URL('./fixtures/whatsapp/', import.meta.url);
const RECEIVED_AT = new Date('2026-06-01T00:00:00Z');

interface Expectation {
  message?: number;
  status?: number;
  identity?: number;
  preference?: number;
  rejected: string[];
  text?: string;
  name?: string;
  bsuid?: string;
  username?: string;
  media?: Record<string, unknown>;
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('the WhatsApp webhook corpus', () => {
  it('holds documented payloads of both channels, each naming its source', () => {
    expect(files.filter((f) => f.startsWith('kapso-')).length).toBeGreaterThanOrEqual(5);
    expect(files.filter((f) => f.startsWith('meta-')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s parses to the expected events', (file) => {
    const body = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Record<string, unknown>;
    expect(typeof body._source).toBe('string');
    const expected = body._expect as Expectation;
    const delivery: ParsedDelivery = file.startsWith('kapso-')
      ? parseKapsoWebhook(body, body._event as string | undefined, RECEIVED_AT)
      : parseMetaWebhook(body, RECEIVED_AT);
    const events = delivery.events.map((e) => e.event);
    const count = (kind: ChannelEvent['kind']) => events.filter((e) => e.kind === kind).length;
    expect({
      message: count('message'),
      status: count('status'),
      identity: count('identity'),
      preference: count('preference'),
    }).toEqual({
      message: expected.message ?? 0,
      status: expected.status ?? 0,
      identity: expected.identity ?? 0,
      preference: expected.preference ?? 0,
    });
    expect(delivery.rejected.map((r) => r.reason)).toEqual(expected.rejected);
    const message = events.find((e): e is MessageEvent => e.kind === 'message');
    if (expected.text !== undefined) expect(message?.text).toBe(expected.text);
    if (expected.name !== undefined) expect(message?.customerName).toBe(expected.name);
    if (expected.bsuid !== undefined) expect(message?.customer.bsuid).toBe(expected.bsuid);
    if (expected.username !== undefined) expect(message?.customer.username).toBe(expected.username);
    if (expected.media !== undefined) expect(message?.media).toMatchObject(expected.media);
    // Every event and every rejection carries a body the same parser reads again (replay).
    for (const { raw } of [...delivery.events, ...delivery.rejected]) {
      const again = file.startsWith('kapso-')
        ? parseKapsoWebhook(raw, undefined, RECEIVED_AT)
        : parseMetaWebhook(raw, RECEIVED_AT);
      expect(again.events.length + again.rejected.length).toBeGreaterThan(0);
    }
  });
});
