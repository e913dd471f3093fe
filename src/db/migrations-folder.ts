import { fileURLToPath } from 'node:url';

/** The migrations folder sits at the package root, two levels above src/db and dist/db. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));
