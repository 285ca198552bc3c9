/**
 * The repository's root folder, for the few files the companion reads from
 * the repository at run time (the simulator's KMEHR schemas). This module
 * sits two folders below the root (companion/src/), and so does every file of
 * the production bundle (.output/companion/, see scripts/build-companion.ts,
 * whose test runs the simulator from the bundle): in both forms the root is
 * two folders up from the running code.
 */
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));
