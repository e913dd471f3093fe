import { describe, expect, it } from 'vitest';
import { PayloadError, type MessageEvent } from '../channel-event.js';
import { parseMetaWebhook } from './parse-meta-webhook.js';

const eventsOf = (body: unknown) => parseMetaWebhook(body).events.map((e) => e.event);

const base = { from: '6281234567890', timestamp: '1790000000' };
const messages = [
  { ...base, id: 'w1', type: 'text', text: { body: 'Halo' } },
  { ...base, id: 'w2', type: 'image', image: { id: 'm1', caption: 'paspor saya' } },
  { ...base, id: 'w3', type: 'document', document: { id: 'm2', filename: 'cv.pdf' } },
  { ...base, id: 'w4', type: 'audio', audio: { id: 'm3' } },
  { ...base, id: 'w5', type: 'location', location: { latitude: -6.2, longitude: 106.8, name: 'Kantor' } },
  {
    ...base,
    id: 'w6',
    type: 'interactive',
    interactive: { type: 'button_reply', button_reply: { id: 'b1', title: 'Ya, jadwalkan' } },
  },
  {
    ...base,
    id: 'w7',
    type: 'interactive',
    interactive: { type: 'list_reply', list_reply: { id: 'l1', title: 'Australia', description: 'S2' } },
  },
  { ...base, id: 'w8', type: 'reaction', reaction: { message_id: 'w1', emoji: '👍' } },
  { ...base, id: 'w9', type: 'sticker', sticker: { id: 'm4' } },
  { ...base, id: 'w10', type: 'order', order: { catalog_id: 'c', product_items: [{}, {}] } },
  { ...base, id: 'w11', type: 'system', system: { body: 'User changed number' } },
  { ...base, id: 'w12', type: 'unsupported', errors: [{ code: 131051 }] },
  { ...base, id: 'w13', type: 'button', button: { text: 'Info', payload: 'INFO' } },
  { ...base, id: 'w14', type: 'contacts', contacts: [{ name: { formatted_name: 'Sari' } }] },
  { ...base, id: 'w15', type: 'video', video: { id: 'm5' } },
  { ...base, id: 'w16', type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { response_json: '{}' } } },
];

function payload(changes: unknown[], entries = 1) {
  return {
    object: 'whatsapp_business_account',
    entry: Array.from({ length: entries }, (_, i) => ({ id: `waba-${i}`, changes })),
  };
}

describe('parseMetaWebhook', () => {
  it('renders every message type readably and marks which ones to answer', () => {
    const events = eventsOf(
      payload([
        {
          field: 'messages',
          value: {
            metadata: { phone_number_id: '555' },
            contacts: [{ wa_id: base.from, profile: { name: 'Budi' } }],
            messages,
          },
        },
      ]),
    ) as MessageEvent[];
    const byId = Object.fromEntries(events.map((e) => [e.providerMessageId, e]));
    expect(byId.w1).toMatchObject({
      text: 'Halo',
      answerable: true,
      customerName: 'Budi',
      phoneNumberId: '555',
      origin: 'customer',
    });
    // A caption is what the customer said; the media itself is kept beside the text.
    expect(byId.w2!.text).toBe('paspor saya');
    expect(byId.w2!.media).toEqual({
      kind: 'image',
      id: 'm1',
      url: null,
      mimeType: null,
      filename: null,
      caption: 'paspor saya',
      voice: false,
      transcript: null,
    });
    expect(byId.w1!.media).toBeNull();
    expect(byId.w3!.text).toBe('[document: cv.pdf]');
    expect(byId.w4!.text).toBe('[audio]');
    expect(byId.w4!.media).toMatchObject({ kind: 'audio', id: 'm3', voice: false, transcript: null });
    expect(byId.w3!.media).toMatchObject({ kind: 'document', id: 'm2', filename: 'cv.pdf' });
    expect(byId.w5!.text).toBe('[location] Kantor (-6.2, 106.8)');
    expect(byId.w6!.text).toBe('Ya, jadwalkan');
    expect(byId.w7!.text).toBe('Australia S2');
    expect(byId.w8).toMatchObject({ text: '[reaction 👍]', answerable: false });
    expect(byId.w9).toMatchObject({ text: '[sticker]', answerable: false });
    expect(byId.w10!.text).toBe('[order: 2 items]');
    expect(byId.w11).toMatchObject({ text: '[system] User changed number', answerable: false });
    expect(byId.w12).toMatchObject({ text: '[unsupported message]', answerable: false });
    expect(byId.w13!.text).toBe('Info');
    expect(byId.w14!.text).toBe('[contact] Sari');
    expect(byId.w15!.text).toBe('[video]');
    expect(byId.w16!.text).toBe('[form reply]');
    expect(events[0]!.sentAt.toISOString()).toBe(new Date(1790000000 * 1000).toISOString());
  });

  it('reads every entry and change: messages, statuses with errors and callback data, echoes; skips other fields', () => {
    const events = eventsOf(
      payload(
        [
          {
            field: 'messages',
            value: {
              metadata: { phone_number_id: '555' },
              messages: [{ ...base, id: 'm-1', type: 'text', text: { body: 'a' } }],
            },
          },
          {
            field: 'messages',
            value: {
              metadata: { phone_number_id: '555' },
              statuses: [
                {
                  id: 'out-1',
                  status: 'delivered',
                  timestamp: '1790000001',
                  recipient_id: base.from,
                  biz_opaque_callback_data: 'cb',
                },
                {
                  id: 'out-2',
                  status: 'failed',
                  timestamp: '1790000002',
                  errors: [{ code: 131047, title: 'Re-engagement message', error_data: { details: 'window closed' } }],
                },
                { id: 'out-3', status: 'deleted' },
              ],
            },
          },
          {
            field: 'smb_message_echoes',
            value: {
              metadata: { phone_number_id: '555' },
              message_echoes: [{ id: 'echo-1', from: '555', to: base.from, type: 'text', text: { body: 'dari HP' } }],
            },
          },
          { field: 'message_template_status_update', value: { event: 'APPROVED' } },
          { field: 'account_alerts', value: {} },
        ],
        2,
      ),
    );
    expect(events).toHaveLength(8); // (1 message + 2 statuses + 1 echo) × 2 entries
    expect(events.filter((e) => e.kind === 'status')[0]).toMatchObject({ status: 'delivered', callbackData: 'cb' });
    expect(events.filter((e) => e.kind === 'status')[1]).toMatchObject({
      status: 'failed',
      error: '131047: window closed',
    });
    expect(events.find((e) => e.kind === 'message' && e.providerMessageId === 'echo-1')).toMatchObject({
      kind: 'message',
      origin: 'business_app',
      customer: { phone: base.from, bsuid: null },
      text: 'dari HP',
    });
  });

  it('ignores other objects, refuses only what is not an object, and rejects unusable events one by one', () => {
    expect(parseMetaWebhook({ object: 'page', entry: [] })).toEqual({ events: [], rejected: [] });
    expect(() => parseMetaWebhook('hello')).toThrow(PayloadError);
    expect(() => parseMetaWebhook([1, 2])).toThrow(PayloadError);
    expect(parseMetaWebhook({ hello: 'world' }).rejected).toMatchObject([{ reason: 'invalid_shape' }]);
    const mixed = parseMetaWebhook(
      payload([
        { field: 'messages', value: { messages: [{ id: 'x', type: 'text', from: base.from }] } },
        {
          field: 'messages',
          value: {
            metadata: { phone_number_id: '555' },
            messages: [
              { ...base, id: 'ok', type: 'text', text: { body: 'a' } },
              { id: 'nobody', type: 'text', text: { body: 'b' } },
              { id: 42, type: 'text' },
            ],
          },
        },
      ]),
    );
    expect(mixed.events.map((e) => (e.event as MessageEvent).providerMessageId)).toEqual(['ok']);
    expect(mixed.rejected.map((r) => r.reason)).toEqual(['no_phone_number_id', 'no_sender', 'invalid_shape']);
    // Each rejected event is a body of its own: the same parser reads it again (replay).
    const again = parseMetaWebhook(mixed.rejected[1]!.raw);
    expect(again.rejected).toMatchObject([{ reason: 'no_sender' }]);
    expect(JSON.stringify(mixed.rejected[1]!.raw)).toContain('nobody');
    expect(JSON.stringify(mixed.rejected[1]!.raw)).not.toContain('"ok"');
  });
});
