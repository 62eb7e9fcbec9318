import { fileURLToPath } from 'node:url';

/** The repository root (tests/e2e/harness/../../..). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
