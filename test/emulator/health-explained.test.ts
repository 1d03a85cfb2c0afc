/**
 * Each IMS error, from the emulator's IMS stub through AEM's Check Health (the package's health
 * script) to the words the page and the CLI show, over real HTTP with the same client and
 * explanation the page runs: the title and fix of each error, nothing written by the check, and a
 * passing check once the fault is gone. The browser keeps one case of this chain
 * (test/e2e/fault-flows.test.ts), for what only it shows: the result on the page.
 */
import { NodeTransport } from '../../cli/node-transport';
import { checkHealth, listImsConfigs } from '../../core/aem/ims-client';
import { createAemSession } from '../../core/aem/session';
import { explainHealthFailure } from '../../core/domain/explain';
import type { RunningEmulator } from '../../emulator/server';
import { healthyOauthConfig } from '../helpers/brand-portal-fixtures';
import { loggedIn, setFaults, startTestEmulator } from '../helpers/emulator';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ faults: true, interimEndpoints: true });
  await healthyOauthConfig(emu.url, await loggedIn(emu.url));
});
afterAll(() => emu.close());

const session = () =>
  createAemSession({
    transport: new NodeTransport({
      baseUrl: emu.url,
      credentials: { user: 'admin', password: 'admin' },
      userAgent: 'bpsetup-test',
    }).forClient(),
  });

test.each([
  ['invalid_client', 'Adobe IMS rejected the client ID or client secret'],
  ['invalid_scope', 'The credential lacks the Brand Portal scope'],
  ['invalid_token', 'Adobe IMS refused the JWT as expired or unreadable'],
  ['invalid_signature', 'Adobe IMS could not verify the signature'],
  ['bad_request', 'The JWT payload is malformed'],
])('%s through Check Health: "%s", with a fix; nothing written; healthy again once fixed', async (code, title) => {
  const s = session();
  const [config] = await listImsConfigs(s);
  await setFaults(emu.url, { ims: code });
  const since = emu.context.journal.lastSeq;
  const failed = await checkHealth(s, config);
  expect(failed.healthy).toBe(false);
  const explained = explainHealthFailure(failed.message);
  expect(explained.title).toContain(title);
  expect(explained.fix.length).toBeGreaterThan(20);
  expect(emu.context.journal.list(since).filter((r) => r.write)).toEqual([]);
  await setFaults(emu.url, null);
  expect((await checkHealth(s, config)).healthy).toBe(true);
});
