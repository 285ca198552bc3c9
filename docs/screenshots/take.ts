/**
 * Takes the README's screenshots of what the pharmacist sees: the e-Form with
 * the badge and the history panel, and the side panel. Runs the real thing:
 * the demo build in headless Chromium, the companion with its simulator and
 * the demo platform.
 *
 *   npx wxt build --mode demo && npx tsx docs/screenshots/take.ts
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { DEMO_EXTENSION_ORIGIN } from '../../demo/extension-key.ts';
import { demoPatients } from '../../demo/patients.ts';
import { startDemoServer } from '../../demo/server.ts';
import { DEMO_IDENTITY } from '../../companion/src/config/demo.ts';
import { SYNTHETIC_PATIENTS } from '../../companion/src/simulator/synthetic.ts';
import { launchWithExtension } from '../../test/e2e/harness/browser.ts';
import { startCompanion } from '../../test/e2e/harness/companion.ts';
import { CHROME_BUILD_DIR } from '../../test/e2e/harness/paths.ts';

const OUT = path.dirname(fileURLToPath(import.meta.url));

/** Waits for the badge (open shadow roots are pierced by locators) to leave `loading`. */
async function settled(page: Page, selector: string): Promise<void> {
  await page.locator(`${selector}[data-state="ok"], ${selector}[data-state="error"]`).first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(500);
}

async function main(): Promise<void> {
  const secret = randomBytes(32).toString('base64url');
  const companion = await startCompanion({ secret, allowedOrigins: [DEMO_EXTENSION_ORIGIN], hubTimeoutMs: 5000 });
  const demo = await startDemoServer({ patients: demoPatients() });
  const browser = await launchWithExtension(CHROME_BUILD_DIR, { viewport: { width: 1360, height: 820 } });
  try {
    await browser.configure(
      {
        companionUrl: companion.url,
        pharmacyNumber: DEMO_IDENTITY.pharmacyNumber,
        pharmacistRizivs: [DEMO_IDENTITY.titularPharmacistRiziv],
      },
      secret,
    );
    const page = await browser.context.newPage();

    for (const [key, file] of [
      ['flu-gp-this-season', 'eform-overlay.png'],
      ['own-registration-echo', 'eform-overlay-echo.png'],
      ['rsw-fails-rsb-answers', 'eform-overlay-one-hub-failed.png'],
    ] as const) {
      await page.goto(`${demo.url}/eform?patient=${key}&entry=popup`);
      await settled(page, '.vc-badge');
      await page.screenshot({ path: path.join(OUT, file) });
    }

    await page.goto(`${demo.url}/eform?patient=behaviour-no-consent&entry=direct`);
    await settled(page, '.vc-badge');
    await page.locator('header.ff-topbar').screenshot({ path: path.join(OUT, 'badge-no-consent.png') });

    const side = await browser.context.newPage();
    await side.setViewportSize({ width: 420, height: 820 });
    await side.goto(browser.url('sidepanel.html'));
    const many = SYNTHETIC_PATIENTS.find((p) => p.key === 'many-vaccinations')!.insz;
    await side.fill('input[name="insz"]', `${many.slice(0, 2)}.${many.slice(2, 4)}.${many.slice(4, 6)}-${many.slice(6, 9)}.${many.slice(9)}`);
    await side.press('input[name="insz"]', 'Enter');
    await settled(side, '.vc-badge');
    await side.click('section[data-block="other"] summary');
    await side.screenshot({ path: path.join(OUT, 'sidepanel.png'), fullPage: false });
    await side.fill('input[name="insz"]', '85.07.30-033.29');
    await side.press('input[name="insz"]', 'Enter');
    await side.waitForSelector('[data-insz-error]');
    await side.screenshot({ path: path.join(OUT, 'sidepanel-invalid-insz.png'), clip: { x: 0, y: 0, width: 420, height: 220 } });
    process.stdout.write(`Screenshots written to ${OUT}\n`);
  } finally {
    await browser.close();
    await companion.stop();
    await demo.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
