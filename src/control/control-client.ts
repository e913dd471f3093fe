/** Calls an operation inside the running `ari serve` through its control socket. */
import http from 'node:http';
import { UserError, type UserErrorCode, type UserErrorIssue } from '../core/user-error.js';
import type { OperationInput, OperationName, OperationOutput } from './operations.js';

export async function callServer<K extends OperationName>(
  socketPath: string,
  name: K,
  input: OperationInput<K>,
): Promise<OperationOutput<K>> {
  const body = JSON.stringify(input ?? {});
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(
      {
        socketPath,
        path: `/operations/${name}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
  const parsed = JSON.parse(text) as { error?: { code: string; message: string; issues?: UserErrorIssue[] } };
  if (status >= 400) {
    const code = (parsed.error?.code ?? 'unavailable') as UserErrorCode | 'internal';
    if (code === 'internal') throw new Error(`the server failed: ${parsed.error?.message ?? text}`);
    throw new UserError(parsed.error?.message ?? `the server answered ${status}`, code, parsed.error?.issues);
  }
  return parsed as OperationOutput<K>;
}
