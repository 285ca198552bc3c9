/**
 * `npm run build:companion [-- --metafile FILE]`: the companion as a pharmacy
 * runs it, ES modules for plain `node` (no tsx, no TypeScript at run time):
 * `.output/companion/companion.mjs`, and beside it the chunks it loads only
 * when asked to (the simulator with its test PKI and STS; doctor). Run it
 * with the V8 settings of COMPANION_NODE_FLAGS, as `npm run companion:prod`
 * does.
 *
 * Everything the companion reads at run time is in the code (the STS profile,
 * its version, the vaccine catalog), except what only the simulator needs:
 * xmllint-wasm stays a package (it starts a worker from its own folder and
 * reads its .wasm there) and the KMEHR schemas are read from the repository
 * (companion/src/repository-root.ts), so the output folder must sit two
 * folders below the repository root, like companion/src/.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const COMPANION_BUNDLE_DIR = path.join(ROOT, '.output', 'companion');
export const COMPANION_ENTRY = 'companion.mjs';

/**
 * V8 settings of the production launch (the `companion:prod` script of
 * package.json says the same, checked by the bundle's test; README,
 * "Production form"). Chosen with bench/companion/rss-probe.ts, figures in
 * the commit that set them:
 * - the young generation capped at 2 x 4 MB (V8 grows it to 2 x 16 MB): a
 *   consultation's garbage is short-lived;
 * - after a full collection the old generation may grow by 30% of what
 *   survived before the next one (V8 lets it grow up to fourfold: a burst of
 *   consultations left 150+ MB mapped).
 * No --max-old-space-size: a cap low enough to matter would turn a large
 * patient record into a crash instead of an answer.
 */
export const COMPANION_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=30'];

export interface BuildCompanionOptions {
  /** Default .output/companion; must be two folders below the repository root. */
  outdir?: string;
  metafile?: string;
}

/** Builds the companion; returns the path of its entry file. */
export async function buildCompanion(options: BuildCompanionOptions = {}): Promise<string> {
  const outdir = options.outdir ?? COMPANION_BUNDLE_DIR;
  if (path.relative(ROOT, outdir).split(path.sep).length !== 2) throw new Error('the companion bundle must be two folders below the repository root');
  // Chunk names carry a hash: start clean so no stale chunk is left beside the new ones.
  await rm(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { companion: path.join(ROOT, 'companion', 'src', 'cli.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Loaded by the simulator only; it finds its worker script and .wasm beside itself.
    external: ['xmllint-wasm'],
    // Some dependencies are CommonJS and call require() for Node's own modules.
    banner: { js: "import { createRequire as __companionRequire } from 'node:module'; const require = __companionRequire(import.meta.url);" },
    // The source text stays in memory for as long as the process runs: no
    // comments or indentation in it, and ASCII only (non-ASCII characters
    // escaped), so V8 keeps it at one byte per character. Names are kept, so
    // stack traces stay readable without the source map.
    minifyWhitespace: true,
    minifySyntax: true,
    charset: 'ascii',
    legalComments: 'linked',
    sourcemap: 'linked',
    metafile: options.metafile !== undefined,
    logLevel: 'warning',
  });
  if (options.metafile !== undefined && result.metafile) await writeFile(options.metafile, JSON.stringify(result.metafile));
  return path.join(outdir, COMPANION_ENTRY);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { metafile: { type: 'string' } } });
  const file = await buildCompanion(values.metafile !== undefined ? { metafile: values.metafile } : {});
  process.stdout.write(`${path.relative(ROOT, file)}\n`);
}
