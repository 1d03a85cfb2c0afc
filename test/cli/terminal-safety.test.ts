/**
 * Terminal safety: a configuration title an author set to escape sequences (clear the screen,
 * move the cursor, print a fake verdict) reaches the `bpsetup check` table with every control
 * character made visible, and the JSON report keeps it escaped.
 */
import type { RunningEmulator } from '../../emulator/server';
import { terminalSafe, terminalSafeDeep } from '../../cli/terminal-safe';
import { bpsetup } from '../helpers/cli';
import { loggedIn, startTestEmulator } from '../helpers/emulator';

const HOSTILE = '\u001b[2J\u001b[HAll authors healthy\r\u001b]0;owned\u0007\u202eevil';
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
  const admin = await loggedIn(emu.url);
  const res = await admin.write(
    '/etc/cloudservices/mediaportal/evil/jcr:content',
    new URLSearchParams({ 'jcr:title': HOSTILE, tenantURL: 'https://evil.brand-portal.adobe.com' }),
  );
  expect(res.status).toBeLessThan(300);
});
afterAll(() => emu.close());

test('the check table shows hostile AEM text with no control character left', async () => {
  const r = await bpsetup(['--url', emu.url, 'check']);
  expect(r.stdout).toContain('All authors healthy'); // the text is shown, as text…
  // eslint-disable-next-line no-control-regex
  expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/); // …with nothing it could do
  expect(r.stdout).toContain('\uFFFD[2J');
});

test('JSON keeps the text exact and escaped', async () => {
  const r = await bpsetup(['--url', emu.url, 'check', '--json']);
  expect(r.stdout).toContain('\\u001b[2J');
  expect(JSON.stringify(JSON.parse(r.stdout))).toContain('\\u001b[2J');
});

test('newlines and tabs stay; CR, ESC, BEL, C1 and bidi overrides do not', () => {
  expect(terminalSafe('a\tb\nc\r\nd')).toBe('a\tb\nc\nd');
  expect(terminalSafe('x\ry\u001b\u0007\u009b\u202e\u2066')).toBe('x\uFFFDy\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD');
  expect(terminalSafeDeep({ note: ['\u001bz'], n: 3 })).toEqual({ note: ['\uFFFDz'], n: 3 });
});
