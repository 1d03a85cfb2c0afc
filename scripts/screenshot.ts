/**
 * `npm run screenshot`: the README images. Starts the emulator on a free port with the built
 * package, logs in, and walks the setup with the demo credential in headless Chromium.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../emulator/server';
import { PROJECT_ROOT, builtPackagePath } from '../emulator/paths';
import { fullScreenshot, login, openBrowser } from '../test/helpers/chromium';
import { walkOauthSetup } from './walkthrough';

async function main(): Promise<void> {
  const out = join(PROJECT_ROOT, 'docs/images');
  mkdirSync(out, { recursive: true });
  const emulator = await startEmulator({ port: 0, dataDir: null, packageZip: builtPackagePath(), quiet: true, agentDelayMs: 300 });
  const browser = await openBrowser(PROJECT_ROOT);
  try {
    const { page } = browser;
    await login(page, emulator.url, '/aem/start.html');
    await page.setViewportSize({ width: 1280, height: 900 });
    await walkOauthSetup(page, emulator, {
      milestone: async (name) => {
        if (name === 'tools') await page.screenshot({ path: join(out, 'tools-console.png') });
        // An empty author's first screen: Connect.
        if (name === 'empty') {
          await page.waitForSelector('.bpsetup-connect');
          await page.waitForTimeout(300); // let Coral icons paint
          await page.screenshot({ path: join(out, 'connect.png') });
        }
      },
    });
    // Coming back: a set-up author's page leads with the verdict, checked as it opens.
    await page.reload();
    await page.waitForSelector('.bpsetup-summary-ok', { timeout: 30000 });
    await page.waitForTimeout(300); // let Coral icons paint
    await fullScreenshot(page, join(out, 'setup-page.png'));
    // The default mode's one expected 404: Check Health's unconfirmed address, as on a real AEM.
    const errors = browser.errors.filter((e) => !/status of 404/.test(e));
    if (errors.length) throw new Error(`console errors: ${errors.join('; ')}`);
    console.log(`screenshots written to ${out}`);
  } finally {
    await browser.close();
    await emulator.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
