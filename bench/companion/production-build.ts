/**
 * The processes the companion suites measure, in the companion's production
 * form: the companion bundle (scripts/build-companion.ts, as
 * `npm run companion:prod` runs it) and, for the floor, the bench's hub-client
 * process bundled the same way, both run by plain `node` with the production
 * V8 flags. Built into `.output/bench-companion/` (never racing a
 * developer's `.output/companion/`).
 */
import path from 'node:path';
import { build } from 'esbuild';
import { buildCompanion, COMPANION_NODE_FLAGS } from '../../scripts/build-companion.ts';

export interface ProductionForm {
  /** Node's arguments before the companion's command line. */
  companion: readonly string[];
  /** Node's arguments (execArgv) and module of the hub-client process. */
  directClient: { execArgv: readonly string[]; module: string };
}

export async function buildProductionForm(root: string): Promise<ProductionForm> {
  const outdir = path.join(root, '.output', 'bench-companion');
  const companion = await buildCompanion({ outdir });
  const directClient = path.join(outdir, 'direct-client.mjs');
  await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'bench', 'companion', 'direct-client-process.ts')],
    outfile: directClient,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    minifyWhitespace: true,
    minifySyntax: true,
    charset: 'ascii',
    logLevel: 'warning',
  });
  return { companion: [...COMPANION_NODE_FLAGS, companion], directClient: { execArgv: [...COMPANION_NODE_FLAGS], module: directClient } };
}
