/**
 * Bundles a bench entry (and the lib/ code it imports) into one IIFE for a
 * Chromium page, with Vite as the extension build does (minified by esbuild).
 * The bundle exposes the entry's exports as `globalThis[globalName]`.
 */
import { build, type Rollup } from 'vite';

export async function browserBundle(entry: string, globalName: string): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'error',
    publicDir: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: 'esbuild',
      target: 'es2022',
      reportCompressedSize: false,
      lib: { entry, formats: ['iife'], name: globalName, fileName: () => 'bench-bundle.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((c): c is Rollup.OutputChunk => c.type === 'chunk');
  if (!chunk) throw new Error(`no bundle for ${entry}`);
  return chunk.code;
}
