/**
 * A server failure (500) on each of the smaller writes: marking an IMS configuration, enabling an
 * agent, and the reset's first delete. Each is explained, leaves the repository as it was, and its
 * retry completes the action.
 */
import { loggedIn } from '../helpers/emulator';
import { faultBench } from '../helpers/fault-bench';
import { oauthForm } from '../helpers/ims-fixtures';
import { openReset } from '../helpers/setup-page';

const b = faultBench();
const AGENT = 'mp_replication_agent1_default_faults';
const fail500 = (path: string) => b.faults({ routes: [{ path, method: 'POST', status: 500, times: 1 }] });

async function explainedAndUnchanged(where: string, before: string): Promise<void> {
  await b.page.waitForSelector(`${where} coral-alert[variant="error"]`, { timeout: 15000 });
  await expect(b.page.locator(where).textContent()).resolves.toContain('AEM failed while handling the request (500)');
  expect(b.snapshot()).toBe(before);
}

test('marking an IMS configuration for Brand Portal', async () => {
  await b.freshAuthor();
  const c = await loggedIn(b.emu.url);
  await c.write(
    '/apps/bpsetup/ims/update',
    oauthForm('a7b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5', { title: 'Assets OAuth', clientSecret: 'p8e-fault-suite-secret-8' }),
  );
  await b.page.reload();
  await b.page.waitForSelector('.bpsetup-ims-mark');
  const before = b.snapshot();
  await fail500('/conf/bpsetup/settings');
  await b.page.click('.bpsetup-ims-mark');
  await explainedAndUnchanged('.bpsetup-ims-feedback', before);
  await b.page.click('.bpsetup-ims-feedback .bpsetup-retry');
  await b.page.waitForSelector('.bpsetup-ims-card', { timeout: 15000 });
}, 60000);

test("enabling a disabled agent, and the reset's first delete", async () => {
  await b.freshAuthor();
  await b.fillIms();
  await b.page.click('.bpsetup-ims-submit');
  await b.page.waitForSelector('.bpsetup-ims-card', { timeout: 15000 });
  await b.saveCloud();
  await b.connected();

  await b.faults({ agent: { name: AGENT, enabled: false } });
  await b.page.reload();
  await b.page.waitForSelector(`tr[data-agent="${AGENT}"] .bpsetup-fix-enabled`);
  let before = b.snapshot();
  await fail500(`/etc/replication/agents.author/${AGENT}/jcr:content`);
  await b.page.click(`tr[data-agent="${AGENT}"] .bpsetup-fix-enabled`);
  await b.page.click('coral-dialog.foundation-ui-dialog button:has-text("Enable")');
  await explainedAndUnchanged('.bpsetup-cloud-feedback', before);
  await b.page.click('.bpsetup-cloud-feedback .bpsetup-retry');
  await b.page.waitForSelector(`tr[data-agent="${AGENT}"]:not([data-issues~="disabled"])`, { timeout: 15000 });
  // The success notice comes after the re-read and its re-render: the reset is opened on a settled page.
  await b.page.waitForSelector('.bpsetup-cloud-feedback coral-alert[variant="success"]', { timeout: 15000 });

  await openReset(b.page, 'faults');
  before = b.snapshot();
  await fail500('/etc/replication/agents.author/mp_replication_agent0_default_faults');
  await b.page.click('.bpsetup-reset-run');
  await explainedAndUnchanged('.bpsetup-reset-result', before);
  await b.page.click('.bpsetup-reset-result .bpsetup-retry');
  await b.page.locator('.bpsetup-cloud-feedback coral-alert', { hasText: 'Brand Portal publishing was reset' }).waitFor({ timeout: 15000 });
  expect(b.emu.context.repo.exists('/conf/global/settings/cloudconfigs/mediaportal/brand-portal')).toBe(false);
}, 60000);
