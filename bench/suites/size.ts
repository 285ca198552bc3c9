/**
 * 7. Size: the production build's content script, background and in-page
 * panel, raw and gzip (level 9). A page's size is everything its HTML loads:
 * its module script, the chunks it preloads or imports, and its stylesheets.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PRODUCTION_BUILD_DIR, wxtBuild } from '../lib/extension-build.ts';
import type { ResultRow, Suite } from '../lib/results.ts';

const CONTENT_SCRIPT_GZIP_TARGET_KB = 15;

interface Measured {
  files: string[];
  raw: number;
  gzip: number;
}

async function measureFiles(dir: string, files: readonly string[]): Promise<Measured> {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = await readFile(path.join(dir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: [...files], raw, gzip };
}

/** Static imports of a built module (`import ... from "./chunks/x.js"`, `import "./x.js"`), as paths from the build root. */
function importsOf(code: string, file: string): string[] {
  const out: string[] = [];
  const re = /\bimport\s*(?:[^'"()]*?from\s*)?["']([^"']+\.js)["']/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const spec = m[1]!;
    out.push(spec.startsWith('/') ? spec.slice(1) : path.posix.join(path.posix.dirname(file), spec));
  }
  return out;
}

async function withStaticImports(dir: string, entries: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = path.posix.normalize(queue.shift()!);
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.js')) queue.push(...importsOf(await readFile(path.join(dir, file), 'utf8'), file));
  }
  return [...seen];
}

/** Every script, preloaded chunk and stylesheet an extension page's HTML loads. */
async function pageFiles(dir: string, html: string): Promise<string[]> {
  const text = await readFile(path.join(dir, html), 'utf8');
  const refs: string[] = [];
  const re = /<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) refs.push(m[1]!.replace(/^\//, ''));
  return withStaticImports(dir, refs);
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export const sizeSuite: Suite = async (ctx) => {
  ctx.log('size: production build (wxt build)');
  await wxtBuild(ctx.root, []);
  const dir = PRODUCTION_BUILD_DIR(ctx.root);
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string };
    content_scripts?: { js?: string[]; css?: string[] }[];
  };
  const contentEntries = (manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]);
  const bundles: [id: string, label: string, files: string[]][] = [
    ['content-script', 'content script (e-Form)', await withStaticImports(dir, contentEntries)],
    ['background', 'background (service worker)', await withStaticImports(dir, [manifest.background?.service_worker ?? 'background.js'])],
    ['panel', 'in-page panel (panel.html)', await pageFiles(dir, 'panel.html')],
  ];
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  for (const [id, label, files] of bundles) {
    const m = await measureFiles(dir, files);
    const row: ResultRow = { id: `size.${id}`, label: `${label}, gzip`, unit: 'KB', value: kb(m.gzip), extra: { raw: `${kb(m.raw)} KB` } };
    if (id === 'content-script') {
      row.target = { text: `< ${CONTENT_SCRIPT_GZIP_TARGET_KB} KB gzip`, met: m.gzip < CONTENT_SCRIPT_GZIP_TARGET_KB * 1024 };
    }
    rows.push(row);
    notes.push(`${label}: ${m.files.join(', ')}`);
  }
  notes.unshift('Production build (`wxt build`, .output/chrome-mv3); gzip level 9; a page counts every file its HTML and their static imports load.');
  return { id: 'size', title: '7. Bundle size', rows, notes };
};
