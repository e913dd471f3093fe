/** Which failed sends may be repeated at once (the provider certainly did not take them) and which may not. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendError, UnconfirmedSendError } from './channel-sender.js';
import { createCloudApiSender } from './cloud-api-sender.js';

describe('classifying failed sends', () => {
  let server: http.Server;
  let baseUrl: string;
  const recorded: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url?.includes('/record/')) {
        let raw = '';
        req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        req.on('end', () => {
          recorded.push(JSON.parse(raw) as Record<string, unknown>);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.template-1' }] }));
        });
        return;
      }
      if (req.url?.includes('/stall/')) return; // never answers
      if (req.url?.includes('/proxy502/')) {
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end('<html>Bad gateway</html>');
      }
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { message: 'Service temporarily unavailable', type: 'OAuthException', code: 2 } }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const attempt = async (url: string) => {
    const sender = createCloudApiSender({ baseUrl: url, auth: { kapsoApiKey: 'k' }, timeoutMs: 300 });
    return sender
      .sendText({ phoneNumberId: '1', to: { phone: '+62811' }, text: 'hi', messageId: crypto.randomUUID() })
      .then(
        () => null,
        (error: unknown) => error as SendError,
      );
  };

  it('retries a refused connection and a 5xx with the provider error body at once', async () => {
    // A port nothing listens on (just freed).
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const refused = await attempt(`http://127.0.0.1:${closedPort}/v24.0`);
    expect(refused).toBeInstanceOf(SendError);
    expect(refused).not.toBeInstanceOf(UnconfirmedSendError);
    expect(refused!.retryable).toBe(true);
    const unavailable = await attempt(`${baseUrl}/v24.0`);
    expect(unavailable).not.toBeInstanceOf(UnconfirmedSendError);
    expect(unavailable!.retryable).toBe(true);
  });

  it('does not repeat a timeout or a gateway 5xx at once: the provider may have taken it', async () => {
    expect(await attempt(`${baseUrl}/stall/v24.0`)).toBeInstanceOf(UnconfirmedSendError);
    expect(await attempt(`${baseUrl}/proxy502/v24.0`)).toBeInstanceOf(UnconfirmedSendError);
  });

  it('sends a template in the Cloud API shape, with its body parameters in order', async () => {
    const sender = createCloudApiSender({ baseUrl: `${baseUrl}/record/v24.0`, auth: { kapsoApiKey: 'k' } });
    const messageId = crypto.randomUUID();
    const sent = await sender.sendTemplate({
      phoneNumberId: '1',
      to: { phone: '+6281100000001' },
      template: { name: 'booking_reminder', language: 'id', bodyParameters: ['Budi', 'Jumat, 27 November'] },
      messageId,
    });
    expect(sent.providerMessageId).toBe('wamid.template-1');
    expect(recorded.at(-1)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '6281100000001',
      type: 'template',
      template: {
        name: 'booking_reminder',
        language: { code: 'id' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Budi' },
              { type: 'text', text: 'Jumat, 27 November' },
            ],
          },
        ],
      },
      biz_opaque_callback_data: messageId,
    });
  });
});
