/**
 * A save that outlasts the request timeout, end to end in Chromium. The page settings lower the
 * timeout to 2 s (`requestTimeoutSeconds`, an admin's setting for slow authors); AEM answers the
 * IMS save after 4 s but completes it. The page explains the timeout, never repeats the save by
 * itself, and its retry finds what AEM did: one whole configuration, and the setup finishes.
 */
import { loggedIn } from '../helpers/emulator';
import { faultBench } from '../helpers/fault-bench';

const b = faultBench();
const PAGE = '/apps/bpsetup/content/setup.html';
const SAVE = '/apps/bpsetup/ims/update';

/** The IMS configuration files AEM holds (each configuration is two .config files sharing its id). */
const imsConfigFiles = () =>
  [...b.emu.context.repo.walk('/apps/system/config')].map(([p]) => p).filter((p) => /com\.adobe\.granite\.(auth|ims)\..*\.config$/.test(p));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  for (const end = Date.now() + timeoutMs; !condition() && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
}

test('a save slower than the timeout: explained, sent once, and the retry ends with one whole configuration', async () => {
  await b.freshAuthor();
  const c = await loggedIn(b.emu.url);
  expect((await c.write('/conf/bpsetup/settings', new URLSearchParams({ requestTimeoutSeconds: '2' }))).status).toBeLessThan(300);
  await b.page.goto(`${b.emu.url}${PAGE}`);
  await b.page.waitForSelector('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
  await b.fillIms();
  const before = imsConfigFiles();
  expect(before).toEqual([]);
  await b.faults({ routes: [{ path: SAVE, method: 'POST', delayMs: 4000, times: 1 }] });
  const since = b.emu.context.journal.lastSeq;

  await b.page.click('.bpsetup-ims-submit');
  await b.page.waitForSelector('.bpsetup-ims-feedback coral-alert[variant="error"]', { timeout: 10000 });
  const text = (await b.page.locator('.bpsetup-ims-feedback').textContent()) ?? '';
  expect(text).toContain('AEM did not answer in time');
  expect(text).toContain('AEM did not answer within 2 s.');

  // AEM completes the slow save on its own: one configuration, both of its files.
  await until(() => imsConfigFiles().length === 2, 10000);
  const files = imsConfigFiles();
  expect(files).toHaveLength(2);
  const id = /provider\.(.+)\.config$/.exec(files.find((f) => f.includes('accesstoken.provider')) ?? '')?.[1];
  expect(id).toBeTruthy();
  expect(files.every((f) => f.includes(id as string))).toBe(true);
  // A timeout is never retried by the page itself: the secret-bearing save went out once.
  expect(b.emu.context.journal.list(since).filter((r) => r.path === SAVE)).toHaveLength(1);

  // The admin's retry finds the configuration AEM made and shows it; nothing is made twice.
  await b.page.click('.bpsetup-ims-feedback .bpsetup-retry');
  await b.page.waitForSelector('.bpsetup-ims-card', { timeout: 15000 });
  expect(await b.page.locator('.bpsetup-ims-card').getAttribute('data-config')).toBe(id);
  expect(imsConfigFiles()).toEqual(files);
  expect(b.emu.context.journal.list(since).filter((r) => r.path === SAVE)).toHaveLength(1);
  await b.saveCloud();
  await b.connected();
}, 60000);
