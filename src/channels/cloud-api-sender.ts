/**
 * Sends through the WhatsApp Cloud API shape, either Meta's Graph API directly or
 * Kapso's Meta-compatible proxy, with Kapso's `@kapso/whatsapp-cloud-api` client.
 */
import { GraphApiError, WhatsAppClient } from '@kapso/whatsapp-cloud-api';
import {
  SendError,
  UnconfirmedSendError,
  type ChannelSender,
  type OutboundTemplate,
  type OutboundText,
} from './channel-sender.js';

export interface CloudApiSenderOptions {
  /** Base URL including the Graph version, e.g. https://api.kapso.ai/meta/whatsapp/v24.0 */
  baseUrl: string;
  auth: { kapsoApiKey: string } | { accessToken: string };
  timeoutMs?: number;
}

export function createCloudApiSender(options: CloudApiSenderOptions): ChannelSender {
  const { base, version } = splitVersion(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? 15_000;
  // A client per request: each gets a deadline, and a send carries our message id as its idempotency key.
  const clientFor = (idempotencyKey?: string) =>
    new WhatsAppClient({
      baseUrl: base,
      graphVersion: version,
      ...options.auth,
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        if (idempotencyKey) headers.set('Idempotency-Key', idempotencyKey);
        return fetch(input, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
      },
    });

  /** One send: the provider's message id, or the failure classified (retry, wait, give up). */
  const send = async (request: () => Promise<{ messages?: Array<{ id?: string }> }>) => {
    try {
      const response = await request();
      const providerMessageId = response.messages?.[0]?.id;
      if (!providerMessageId)
        throw new SendError('the provider accepted the message but returned no message id', false);
      return { providerMessageId };
    } catch (error) {
      throw classify(error);
    }
  };

  return {
    sendText: (message: OutboundText) =>
      send(() =>
        clientFor(message.messageId).messages.sendText({
          phoneNumberId: message.phoneNumberId,
          ...recipient(message),
          body: message.text,
          previewUrl: false,
          bizOpaqueCallbackData: message.messageId,
        }),
      ),
    // {"type":"template","template":{"name","language":{"code"},"components":[{"type":"body","parameters":[{"type":"text","text"}…]}]}}
    sendTemplate: (message: OutboundTemplate) =>
      send(() =>
        clientFor(message.messageId).messages.sendTemplate({
          phoneNumberId: message.phoneNumberId,
          ...recipient(message),
          template: {
            name: message.template.name,
            language: { code: message.template.language },
            ...(message.template.bodyParameters.length > 0
              ? {
                  components: [
                    {
                      type: 'body',
                      parameters: message.template.bodyParameters.map((text) => ({ type: 'text', text })),
                    },
                  ],
                }
              : {}),
          },
          bizOpaqueCallbackData: message.messageId,
        }),
      ),
    async markRead(phoneNumberId, providerMessageId) {
      try {
        await clientFor().messages.markRead({
          phoneNumberId,
          messageId: providerMessageId,
          typingIndicator: { type: 'text' },
        });
      } catch (error) {
        throw classify(error);
      }
    },
  };
}

/** Phone when known; a customer with only a username is reached by BSUID (`recipient`). */
function recipient(message: Pick<OutboundText, 'to'>): { to: string } | { recipient: string } {
  return 'phone' in message.to ? { to: message.to.phone.replace(/^\+/, '') } : { recipient: message.to.bsuid };
}

/** Network failures that happen before a request is written: the provider cannot have taken it. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function classify(error: unknown): SendError {
  if (error instanceof SendError) return error;
  if (error instanceof GraphApiError) {
    const status = error.httpStatus;
    const reason = `${status} ${error.code ? `(${String(error.code)}) ` : ''}${error.details ?? error.message}`.trim();
    // A 5xx without the provider's own error body came from something in between (a proxy's 502/504):
    // the provider may have taken the message.
    const providerAnswered = typeof error.raw === 'object' && error.raw !== null && 'error' in error.raw;
    if (status >= 500 && !providerAnswered) return new UnconfirmedSendError(reason);
    const retryable =
      status === 429 ||
      status === 409 ||
      status >= 500 ||
      error.retry.action === 'retry' ||
      error.retry.action === 'retry_after';
    return new SendError(reason, retryable && error.code !== 131047, error.retry.retryAfterMs);
  }
  const cause = causeCode(error);
  const message =
    (error as Error).name === 'TimeoutError' ? 'the provider did not answer in time' : (error as Error).message;
  const reason = `network error: ${message}${cause ? ` (${cause})` : ''}`;
  // Refused or unresolvable: nothing was written. A timeout or a reset may come after the provider took it.
  return cause && NOT_SENT_CODES.has(cause) ? new SendError(reason, true) : new UnconfirmedSendError(reason);
}

/** The system error code (ECONNREFUSED…) somewhere down the error's causes. */
function causeCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

export function splitVersion(baseUrl: string): { base: string; version: string } {
  const match = /^(.*?)\/(v\d+(?:\.\d+)?)\/?$/.exec(baseUrl);
  return match ? { base: match[1]!, version: match[2]! } : { base: baseUrl.replace(/\/+$/, ''), version: 'v24.0' };
}
