/**
 * `check` run by a read-only CI user (not in administrators), as the README's rights describe:
 * what only administrators may read or run (the Felix console's printers, the configuration
 * manager, Check Health) is "could not be read" or "could not be run", exit 2; nothing of it is
 * called missing, and nothing is written.
 */
import { bpsetup } from '../helpers/cli';
import { connectedAuthor } from '../helpers/brand-portal-fixtures';
import type { RunningEmulator } from '../../emulator/server';

const READER = { user: 'ci-reader', password: 'reader-pass-7' };
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await connectedAuthor({ users: [READER] }, 'c0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5', 'ci-secret-1', 'https://ci.brand-portal.adobe.com');
}, 60000);
afterAll(() => emu.close());

test('a read-only user: the setup read, the agents tested, what needs an administrator said to be unread (exit 2), nothing called missing', async () => {
  const since = emu.context.journal.lastSeq;
  const r = await bpsetup(['--url', emu.url, '--json', 'check'], { AEM_USER: READER.user, AEM_PASSWORD: READER.password });
  expect(r.code).toBe(2);
  const [host] = (
    JSON.parse(r.stdout) as {
      hosts: {
        exit: number;
        tenantUrl?: string;
        agentsConnected?: number;
        tokenProvenBy?: string;
        problems: { id: string; severity: string; title: string }[];
      }[];
    }
  ).hosts;
  // What it may read is read and judged: the cloud service, the four agents, their Test Connection.
  expect(host).toMatchObject({ exit: 2, tenantUrl: 'https://ci.brand-portal.adobe.com', agentsConnected: 4, tokenProvenBy: 'agentTest' });
  // What needs an administrator is unread, never missing, never a problem found.
  expect(host.problems.map((p) => [p.id, p.severity])).toEqual([
    ['version-unreadable', 'unknown'],
    ['health-not-administrator', 'unknown'],
  ]);
  expect(r.stdout).not.toMatch(/create it|is missing|not configured|refused the change/i);
  const sent = emu.context.journal.list(since);
  expect(sent.filter((x) => x.write)).toEqual([]);
  // Exactly the administrators-only reads were refused: the console's printers and configuration manager, and Check Health.
  expect([...new Set(sent.filter((x) => x.status === 403).map((x) => x.path.replace(/configMgr\/.*$/, 'configMgr/…')))].sort()).toEqual([
    '/apps/bpsetup/health.json',
    '/system/console/configMgr/…',
    '/system/console/status-productinfo.json',
    '/system/console/status-slingsettings.json',
  ]);
  const table = await bpsetup(['--url', emu.url, 'check'], { AEM_USER: READER.user, AEM_PASSWORD: READER.password });
  expect(table.stdout).toMatch(/NOT READ +agentTest +4\/4 +could not read 2 part\(s\)/);
});
