/**
 * Faults across the flow, end to end in Chromium: session expiry mid-flow (the browser goes to the
 * login page and back) and an IMS error read through Check Health. The repository is unchanged by
 * each failure and a retry completes the setup (agents not created: brand-portal-step.test.ts;
 * partial success and the smaller writes: the page tier, test/page/faults.test.ts).
 */
import { faultBench } from '../helpers/fault-bench';

const b = faultBench();
const PAGE = '/apps/bpsetup/content/setup.html';

test('the session expires mid-flow: sign in again, continue where you were, and finish', async () => {
  await b.freshAuthor();
  await b.fillIms();
  const before = b.snapshot();
  b.emu.context.sessions.expireAll();
  await Promise.all([
    b.page.waitForURL('**/libs/granite/core/content/login.html?**', { timeout: 10000 }),
    b.page.click('.bpsetup-ims-submit'),
  ]);
  expect(b.snapshot()).toBe(before);
  await b.page.fill('#username', 'admin');
  await b.page.fill('#password', 'admin');
  await Promise.all([b.page.waitForURL(`**${PAGE}`), b.page.click('#submit-button')]);
  await b.page.waitForSelector('.bpsetup-step[data-step="imsAccount"][data-status="todo"]');
  await b.fillIms();
  await b.page.click('.bpsetup-ims-submit');
  await b.page.waitForSelector('.bpsetup-ims-card', { timeout: 15000 });
  await b.saveCloud();
  await b.connected();
}, 60000);

// Every IMS error's words are proven over HTTP with the page's own client and explanation
// (test/emulator/health-explained.test.ts); the browser shows one on the page, and the recovery.
test('an IMS error, read through Check Health (interim address): explained with its fix, nothing written, passes once fixed', async () => {
  await b.freshAuthor({ interimEndpoints: true });
  await b.fillIms();
  await b.page.click('.bpsetup-ims-submit');
  await b.page.waitForSelector('.bpsetup-health-result coral-alert[variant="success"]', { timeout: 15000 });
  await b.faults({ ims: 'invalid_client' });
  const before = b.snapshot();
  await b.page.click('.bpsetup-health-step-button');
  await b.page.waitForSelector('.bpsetup-health-result coral-alert[variant="error"]', { timeout: 15000 });
  await expect(b.page.locator('.bpsetup-health-result').textContent()).resolves.toContain(
    'Adobe IMS rejected the client ID or client secret',
  );
  expect(b.snapshot()).toBe(before);
  // Fixed at Adobe's side (the fault cleared): the check passes again.
  await b.clearFaults();
  await b.page.click('.bpsetup-health-step-button');
  await b.page.waitForSelector('.bpsetup-health-result coral-alert[variant="success"]', { timeout: 15000 });
  await b.saveCloud();
  await b.connected();
}, 60000);
