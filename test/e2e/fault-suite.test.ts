/**
 * A dropped connection on the IMS save, end to end in Chromium (whose own retry of a POST on a
 * dropped kept-alive connection is part of what is tested): explained, the repository the same
 * before and after (nothing half-written), and a retry completes the setup. The other faults on
 * the page's writes run in the page tier (test/page/faults.test.ts).
 */
import { faultBench } from '../helpers/fault-bench';

const b = faultBench();

describe.each([
  // Several times: Chromium itself retries a POST when a kept-alive connection drops. The other
  // faults on this save (a 500, an unusable CSRF token) are in the page tier: test/page/faults.test.ts.
  [
    'a dropped connection on the IMS save',
    { routes: [{ path: '/apps/bpsetup/ims/update', method: 'POST', drop: true, times: 10 }] },
    'The request did not reach AEM',
  ],
])('%s', (_name, fault, explanation) => {
  test('explained, nothing written, the retry completes the setup', async () => {
    await b.freshAuthor();
    await b.fillIms();
    const before = b.snapshot();
    await b.faults(fault);
    await b.page.click('.bpsetup-ims-submit');
    try {
      await b.page.waitForSelector('.bpsetup-ims-feedback coral-alert[variant="error"]', { timeout: 15000 });
    } catch (e) {
      throw new Error(
        `${(e as Error).message}\nStep 4 feedback: ${await b.page.locator('.bpsetup-ims-feedback').innerText()}\nJournal: ${JSON.stringify(b.emu.context.journal.list(0).slice(-6))}`,
      );
    }
    await expect(b.page.locator('.bpsetup-ims-feedback').textContent()).resolves.toContain(explanation);
    expect(b.snapshot()).toBe(before);
    await b.clearFaults();
    await b.page.click('.bpsetup-ims-feedback .bpsetup-retry');
    await b.page.waitForSelector('.bpsetup-ims-card', { timeout: 15000 });
    await b.saveCloud();
    await b.connected();
  }, 60000);
});
