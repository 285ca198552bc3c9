import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CHROME_BUILD_DIR = path.join(ROOT, '.output', 'chrome-mv3-demo');
export const FIREFOX_BUILD_DIR = path.join(ROOT, '.output', 'firefox-mv2');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
