/**
 * The Chromium the browser tests drive, found in this order: CHROMIUM_PATH; a
 * system Chromium or Chrome; otherwise the one inside the @sparticuz/chromium
 * devDependency (Linux x64, unpacked to /tmp). Where none can run, one line says
 * how to provide a browser: the browser tests fail, they are never skipped.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface FoundChromium {
  executablePath: string;
  args: string[];
  /** Where it came from, for the failure message. */
  source: string;
}

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const SYSTEM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
export const NO_BROWSER =
  'no Chromium to run the browser tests: set CHROMIUM_PATH=/path/to/chromium or install chromium (e.g. apt-get install chromium)';

export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<FoundChromium> {
  if (env.CHROMIUM_PATH) {
    if (!isExecutable(env.CHROMIUM_PATH))
      throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable; ${NO_BROWSER}`);
    return { executablePath: env.CHROMIUM_PATH, args: SYSTEM_ARGS, source: 'CHROMIUM_PATH' };
  }
  const system = systemChromium(env.PATH ?? '');
  if (system) return { executablePath: system, args: SYSTEM_ARGS, source: 'system' };
  return packagedChromium();
}

function systemChromium(searchPath: string): string | null {
  const dirs = ['/usr/bin', ...searchPath.split(path.delimiter).filter(Boolean)];
  for (const name of SYSTEM_NAMES) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

async function packagedChromium(): Promise<FoundChromium> {
  // The package ships a Linux x64 build only.
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${NO_BROWSER} (the packaged @sparticuz/chromium runs on Linux x64 only)`);
  }
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    return { executablePath: await chromium.executablePath(), args: chromium.args, source: '@sparticuz/chromium' };
  } catch (error) {
    throw new Error(`${NO_BROWSER} (@sparticuz/chromium: ${(error as Error).message})`);
  }
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
