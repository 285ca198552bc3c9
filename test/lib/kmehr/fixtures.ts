/** Reads test fixtures: the copy of the shared public KMEHR files, and our own hand-made ones. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// A string, not `new URL(...)`: under happy-dom the global URL is not Node's.
export const OWN_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/kmehr');
export const PUBLIC_FIXTURES = join(OWN_FIXTURES, 'public-kmehr');

export function readOwn(name: string): string {
  return readFileSync(join(OWN_FIXTURES, name), 'utf8');
}

export function readPublic(path: string): string {
  return readFileSync(join(PUBLIC_FIXTURES, path), 'utf8');
}

/** Every file under a directory, as paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
