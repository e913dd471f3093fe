import { pino, type Logger } from 'pino';
import type { Config } from '../config/config.js';

/** Structured JSON logs. Secrets never reach them: credential-bearing fields are redacted. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers["x-webhook-signature"]',
        'req.headers["x-hub-signature-256"]',
        '*.apiKey',
        '*.token',
        '*.secret',
        '*.password',
      ],
      censor: '[redacted]',
    },
  });
}
