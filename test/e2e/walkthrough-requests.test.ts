/**
 * The requests the page sends from an empty author to four connected agents and the whole-setup
 * check, counted from the emulator's journal in both modes: at most 20 (22 with address overrides,
 * whose settings' access rule costs two reads to prove), two writes, no read
 * repeated without a write in between except the one guard before creating the IMS
 * configuration, and nothing at all for a whole-setup check right after a proven setup.
 * Counts, not times: the same on any machine.
 */
import { PROJECT_ROOT } from '../../emulator/paths';
import { type BrowserSession, login, openBrowser } from '../helpers/chromium';
import { startTestEmulator } from '../helpers/emulator';
import { countRequests } from '../../scripts/request-counts';
import { walkOauthSetup } from '../../scripts/walkthrough';

let browser: BrowserSession;
beforeAll(async () => {
  browser = await openBrowser(PROJECT_ROOT);
}, 60000);
afterAll(() => browser?.close());

test.each([
  ['AEM-faithful', false, 20],
  ['--interim-endpoints', true, 22],
])(
  '%s mode: at most %i requests, two writes, one guarded re-read, a free whole-setup check',
  async (_mode, interimEndpoints, budget) => {
    const emu = await startTestEmulator({ interimEndpoints, agentDelayMs: 100 });
    try {
      await login(browser.page, emu.url, '/aem/start.html');
      const since = emu.context.journal.lastSeq;
      let beforeCheck = 0;
      await walkOauthSetup(browser.page, emu, {
        milestone: async (name) => {
          if (name === 'connected') beforeCheck = emu.context.journal.lastSeq;
        },
      });
      const counts = countRequests(emu.context.journal.list(since));
      expect(counts.sent.length).toBeLessThanOrEqual(budget);
      expect(counts.writes.map((w) => w.path)).toEqual(['/apps/bpsetup/ims/update', '/apps/brandportal/config']);
      // The one-configuration guard reads the list again just before creating: another admin may
      // have made one since the page opened.
      expect(counts.repeatedReads.map((r) => r.path)).toEqual(['/apps/system/config.1.json']);
      // Everything was proven green moments before: the whole-setup check reuses it.
      expect(countRequests(emu.context.journal.list(beforeCheck)).sent).toEqual([]);
    } finally {
      await emu.close();
    }
  },
  60000,
);
