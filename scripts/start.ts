/**
 * `npm start`: the product on its built-in demo, from a fresh clone.
 *
 * 1. builds the extension (`wxt build --mode demo`: fixed extension id, see demo/extension-key.ts);
 * 2. starts the companion with the hub simulator and a demo pairing secret
 *    (`COMPANION_PAIRING_SECRET` when set, else a new random one), in a demo
 *    home folder so a real companion configuration is never touched;
 * 3. serves the demo pharmacy platform (demo/server.ts) on 127.0.0.1;
 * 4. with a display: opens Chromium with the extension loaded and configured
 *    (companion address, pairing secret, the demo pharmacy's numbers) on the demo;
 *    without one (or with `--no-browser`): prints exactly what to load, open and paste.
 *
 * Ctrl-C stops everything.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO_EXTENSION_ID, DEMO_EXTENSION_ORIGIN } from '../demo/extension-key.ts';
import { DEMO_PATIENTS } from '../demo/patients.ts';
import { startDemoServer, type DemoServer } from '../demo/server.ts';
import { DEMO_IDENTITY } from '../companion/src/config/demo.ts';
import { DEFAULT_COMPANION_PORT } from '../lib/companion/contract.ts';

/** The demo pharmacy's pharmacists as the registration form names them (the simulator's titular pharmacist first). */
const DEMO_PHARMACY_NAME = 'Pharmacie du Parc (demo)';
const DEMO_VACCINATORS = [
  { riziv: DEMO_IDENTITY.titularPharmacistRiziv, firstName: 'Camille', familyName: 'Lejeune' },
  { riziv: DEMO_IDENTITY.secondPharmacistRiziv, firstName: 'Thomas', familyName: 'Renard' },
];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXTENSION_DIR = path.join(ROOT, '.output', 'chrome-mv3-demo');
const DEMO_PORT = 47620;
const CHROMIUM_CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
].filter((p): p is string => Boolean(p));

const say = (line = '') => process.stdout.write(`${line}\n`);

function hasDisplay(): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

async function buildExtension(): Promise<void> {
  say('Building the extension (wxt build --mode demo)…');
  await promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'wxt'), ['build', '--mode', 'demo'], {
    cwd: ROOT,
    maxBuffer: 20 * 1024 * 1024,
  });
}

interface Companion {
  url: string;
  child: ChildProcess;
  exited: Promise<void>;
}

async function startCompanion(secret: string, demoHome: string): Promise<Companion> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: demoHome,
    USERPROFILE: demoHome,
    XDG_CONFIG_HOME: path.join(demoHome, 'config'),
    XDG_DATA_HOME: path.join(demoHome, 'data'),
    APPDATA: path.join(demoHome, 'config'),
    LOCALAPPDATA: path.join(demoHome, 'data'),
    VACCICARD_COMPANION_DATA_DIR: path.join(demoHome, 'data', 'vaccicard-companion'),
    COMPANION_PAIRING_SECRET: secret,
    COMPANION_ALLOWED_ORIGINS: DEMO_EXTENSION_ORIGIN,
  };
  delete env.VACCICARD_COMPANION_CONFIG;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'companion', 'src', 'cli.ts'), 'start', '--simulator', '--port', String(DEFAULT_COMPANION_PORT)],
    { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let banner = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the companion did not start:\n${banner}`)), 30_000);
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      banner += chunk;
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(banner);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the companion stopped:\n${banner}`));
    });
  });
  return { url, child, exited };
}

async function startDemo(): Promise<DemoServer> {
  try {
    return await startDemoServer({ patients: DEMO_PATIENTS, port: DEMO_PORT });
  } catch {
    return startDemoServer({ patients: DEMO_PATIENTS, port: 0 });
  }
}

function printInstructions(companionUrl: string, secret: string, demoUrl: string, reason: string): void {
  say();
  say(`No browser opened (${reason}). To try the overlay:`);
  say();
  say('  1. In Chromium (or Edge), open chrome://extensions, switch on "Developer mode",');
  say('     click "Load unpacked" and choose:');
  say(`       ${EXTENSION_DIR}`);
  say(`     (its id is ${DEMO_EXTENSION_ID}; Google Chrome 137+ no longer loads unpacked extensions from the command line, the button still works)`);
  say('  2. Open the extension\'s options page:');
  say(`       chrome-extension://${DEMO_EXTENSION_ID}/options.html`);
  say('     and enter:');
  say(`       Companion address   ${companionUrl}`);
  say(`       Pairing secret      ${secret}`);
  say(`       Pharmacy number     ${DEMO_IDENTITY.pharmacyNumber}`);
  say(`       Pharmacy name       ${DEMO_PHARMACY_NAME}`);
  for (const v of DEMO_VACCINATORS) say(`       Pharmacist          ${v.riziv}  ${v.firstName} ${v.familyName}`);
  say('     then Save (and "Test connection" to see the companion answer).');
  say('  3. Open the demo pharmacy platform and pick a patient:');
  say(`       ${demoUrl}/`);
  say('     The side panel looks any INSZ up: click the extension\'s toolbar button (pin it from the puzzle-piece menu),');
  say(`     or open chrome-extension://${DEMO_EXTENSION_ID}/sidepanel.html in a tab.`);
}

async function openChromium(executablePath: string, companionUrl: string, secret: string, demoUrl: string) {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(path.join(os.tmpdir(), 'vaccicard-demo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: false,
    viewport: null,
    ignoreDefaultArgs: ['--disable-extensions', '--enable-automation'],
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-first-run'],
  });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${DEMO_EXTENSION_ID}/options.html`);
  const answer = await options.evaluate(
    (message) =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(message),
    {
      type: 'settings:save',
      settings: {
        companionUrl,
        pharmacyNumber: DEMO_IDENTITY.pharmacyNumber,
        pharmacyName: DEMO_PHARMACY_NAME,
        pharmacistRizivs: DEMO_VACCINATORS.map((v) => v.riziv),
        vaccinators: DEMO_VACCINATORS,
        defaultVaccinator: DEMO_IDENTITY.titularPharmacistRiziv,
      },
      pairingSecret: secret,
    },
  );
  if (!(answer && typeof answer === 'object' && (answer as { ok?: unknown }).ok === true)) {
    say(`The extension refused the demo settings (${JSON.stringify(answer)}); enter them on the options page by hand.`);
  }
  const demo = await context.newPage();
  await demo.goto(`${demoUrl}/`);
  await options.close();
  return context;
}

async function main(): Promise<void> {
  const noBrowser = process.argv.includes('--no-browser');
  await buildExtension();
  const secret = process.env.COMPANION_PAIRING_SECRET || randomBytes(32).toString('base64url');
  const demoHome = path.join(os.tmpdir(), 'vaccicard-demo-home');
  await mkdir(demoHome, { recursive: true, mode: 0o700 });
  const companion = await startCompanion(secret, demoHome);
  const demo = await startDemo();

  say();
  say(`Companion (hub simulator)   ${companion.url}`);
  say(`Demo pharmacy platform      ${demo.url}/`);
  say(`Extension (unpacked)        ${EXTENSION_DIR}`);
  say(`Pairing secret (demo)       ${secret}`);

  let context: { close(): Promise<void> } | undefined;
  const chromium = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (noBrowser) printInstructions(companion.url, secret, demo.url, '--no-browser');
  else if (!hasDisplay()) printInstructions(companion.url, secret, demo.url, 'no display');
  else if (!chromium) printInstructions(companion.url, secret, demo.url, 'no Chromium found; set CHROMIUM_PATH');
  else {
    try {
      context = await openChromium(chromium, companion.url, secret, demo.url);
      say();
      say('Chromium is open on the demo with the extension loaded and configured.');
    } catch (error) {
      printInstructions(companion.url, secret, demo.url, `Chromium did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  say();
  say('Ctrl-C stops the demo.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await context?.close().catch(() => {});
    companion.child.kill('SIGTERM');
    await Promise.race([companion.exited, new Promise((r) => setTimeout(r, 5_000))]);
    await demo.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  void companion.exited.then(() => {
    if (stopping) return;
    say('The companion stopped; stopping the demo.');
    void stop();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
