/**
 * The requests the page sends from an empty author to four connected agents and the whole-setup
 * check, counted from the emulator's journal in both modes: at most 22 (25 with address overrides,
 * whose settings' access rule costs three reads to prove: the rule, the endpoints node, and who
 * may write the settings), two writes, no read repeated without a
 * write in between except the configuration folder, twice: the guard before creating the IMS
 * configuration and the look a second after it (two admins creating in the same second). The
 * folder is read once more right after the cloud-service save (a configuration another creator
 * deleted meanwhile is not left named), after a write, so that repeats nothing; a
 * whole-setup check right after a proven setup tests nothing again and reads
 * only what the setup did not prove (the four queues, the two clients' proxies, the contribution flag).
 * Counts, not times: the same on any machine.
 */
import { PROJECT_ROOT } from '../../emulator/paths';
import { type BrowserSession, openBrowser, signIn } from '../helpers/chromium';
import { startTestEmulator } from '../helpers/emulator';
import { countRequests } from '../../scripts/request-counts';
import { walkOauthSetup } from '../../scripts/walkthrough';

let browser: BrowserSession;
beforeAll(async () => {
  browser = await openBrowser(PROJECT_ROOT);
}, 60000);
afterAll(() => browser?.close());

test.each([
  ['AEM-faithful', 22, false],
  ['--interim-endpoints', 25, true],
])(
  '%s mode: at most %i requests to four connected agents, two writes, one guarded re-read; a whole-setup check that tests nothing again',
  async (_mode, budget, interimEndpoints) => {
    const emu = await startTestEmulator({ interimEndpoints, agentDelayMs: 100 });
    try {
      await signIn(browser.context, emu.url);
      const since = emu.context.journal.lastSeq;
      let beforeCheck = 0;
      await walkOauthSetup(browser.page, emu, {
        milestone: async (name) => {
          if (name === 'connected') beforeCheck = emu.context.journal.lastSeq;
        },
      });
      const counts = countRequests(emu.context.journal.list(since).filter((r) => r.seq <= beforeCheck));
      expect(counts.sent.length).toBeLessThanOrEqual(budget);
      expect(counts.writes.map((w) => w.path)).toEqual(['/apps/bpsetup/ims/update', '/apps/brandportal/config']);
      // The one-configuration guard reads the list again just before creating (another admin may
      // have made one since the page opened), and the folder once more a second after the save
      // (another may have saved in the same second). The read right after the cloud-service save
      // (the keeper rule) follows a write, so it repeats nothing.
      expect(counts.repeatedReads.map((r) => r.path)).toEqual(['/apps/system/config.1.json', '/apps/system/config.1.json']);
      // Everything was proven green moments before: the whole-setup check reuses it (no Test
      // Connection, no Check Health) and reads only what the setup did not prove.
      const check = countRequests(emu.context.journal.list(beforeCheck)).sent.map((r) => r.path.replace(/_default_\w+/, '_default_<t>'));
      expect(check.sort()).toEqual(
        [
          ...[0, 1, 2, 3].map((i) => `/etc/replication/agents.author/mp_replication_agent${i}_default_<t>/jcr:content.queue.json`),
          '/system/console/configMgr/*.json',
          '/system/console/configMgr/com.day.commons.httpclient.json',
          '/system/console/configMgr/org.apache.http.proxyconfigurator.json',
          '/system/console/configMgr/com.day.cq.dam.entitlement.impl.frags.AssetSourcingFeatureFlag.json',
        ].sort(),
      );
    } finally {
      await emu.close();
    }
  },
  60000,
);
