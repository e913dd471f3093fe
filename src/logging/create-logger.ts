import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Config } from '../config/config.js';
import { safeError } from './safe-error.js';

/**
 * Structured JSON logs. Secrets never reach them: credential-bearing fields are
 * redacted, and a failed query is logged without its parameters (safe-error.ts).
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    serializers: { err: safeError },
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
  };
  return destination ? pino(options, destination) : pino(options);
}
