import { fileURLToPath } from 'node:url';

/** The repository's root folder (where package.json is), with a trailing separator. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
