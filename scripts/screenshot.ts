/**
 * `npm run screenshot`: starts the emulator on a free port with the built package, logs in,
 * opens the Tools console and the setup page in headless Chromium, and writes the README images
 * to docs/images/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../emulator/server';
import { PROJECT_ROOT, builtPackagePath } from '../emulator/paths';
import { login, openBrowser } from '../test/helpers/chromium';

async function main(): Promise<void> {
  const out = join(PROJECT_ROOT, 'docs/images');
  mkdirSync(out, { recursive: true });
  const emulator = await startEmulator({ port: 0, dataDir: null, packageZip: builtPackagePath(), quiet: true });
  const browser = await openBrowser(PROJECT_ROOT);
  try {
    const { page } = browser;
    await login(page, emulator.url, '/aem/start.html?category=bpsetup');
    await page.screenshot({ path: join(out, 'tools-console.png') });
    await page.click('a.emulator-tools-tile[data-id="bpsetup__setup"]');
    await page.waitForSelector('#bpsetup-root .bpsetup-step[data-step="prerequisites"][data-status="done"]');
    await page.waitForTimeout(300); // let Coral icons paint
    await page.screenshot({ path: join(out, 'setup-page.png'), fullPage: true });
    if (browser.errors.length) throw new Error(`console errors: ${browser.errors.join('; ')}`);
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
