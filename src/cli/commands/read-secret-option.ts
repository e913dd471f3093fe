/**
 * A secret named on the command line shows in `ps` and in shell history, so a secret
 * option never takes the value itself: `-` reads it from standard input, `env:NAME`
 * from an environment variable. Anything else is refused before anything changes.
 */
import { UserError } from '../../core/user-error.js';

export async function readSecretOption(
  option: string,
  source: string,
  env: NodeJS.ProcessEnv,
  stdin: NodeJS.ReadableStream,
): Promise<string> {
  const how = `pipe it (\`printf %s "$KEY" | ari … ${option} -\`) or name an environment variable (\`${option} env:MY_KEY\`)`;
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    const value = Buffer.concat(chunks).toString('utf8').trim();
    if (!value) throw new UserError(`${option} -: nothing on standard input`);
    return value;
  }
  if (source.startsWith('env:')) {
    const name = source.slice(4);
    const value = env[name]?.trim();
    if (!value) throw new UserError(`${option} ${source}: the environment variable ${name} is not set or empty`);
    return value;
  }
  throw new UserError(`${option} does not take the key itself (it would show in \`ps\` and shell history): ${how}`);
}
