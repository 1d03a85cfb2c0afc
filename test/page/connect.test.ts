/**
 * Step 4's Connect when something stops it, in the page tier (the page in jsdom against the
 * emulator), with the fields found by their labels: a wrong secret stops at the token proof with
 * nothing of step 6 written; a refused IMS save leaves Connect ready for a retry that completes;
 * where Check Health cannot run, the agents' test is the proof, and a wrong secret stops there.
 * The happy path and a wrong address (focus and invalid state) run in Chromium
 * (test/e2e/connect.test.ts).
 */
import { credentialAndTenant } from '../helpers/brand-portal-fixtures';
import { repositoryText, setFaults } from '../helpers/emulator';
import { ORG, TECH } from '../helpers/ims-fixtures';
import { pageOnEmulator, type PageOnEmulator } from '../helpers/page-tier';
import type { RunningEmulator } from '../../emulator/server';

const CLIENT = 'c0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const SECRET = 'p8e-connect-secret';
const TENANT = 'https://connect.brand-portal.adobe.com';
let p: PageOnEmulator;
afterEach(() => p?.close());

async function emptyAuthor(prepare: (emu: RunningEmulator) => void = () => undefined): Promise<void> {
  p = await pageOnEmulator({ agentDelayMs: 0, faults: true }, async (emu) => {
    await credentialAndTenant(emu.url, CLIENT, SECRET, TENANT);
    prepare(emu);
  });
  await p.waitFor('.bpsetup-step[data-step="prerequisites"][data-status="done"]');
}
const noHealthScript = (emu: RunningEmulator) => emu.context.repo.change((tx) => tx.remove('/apps/bpsetup/components/health/json.jsp'));

const credential = (secret: string) =>
  JSON.stringify({ CLIENT_ID: CLIENT, CLIENT_SECRETS: [secret], ORG_ID: ORG, TECHNICAL_ACCOUNT_ID: TECH, SCOPES: ['openid', 'AdobeID'] });
const progress = () => [...p.root.querySelectorAll('[aria-label="Connect progress"] li')].map((li) => li.textContent);
const writes = (since: number) =>
  p.emu.context.journal
    .list(since)
    .filter((r) => r.write)
    .map((r) => r.path);
/** The Connect button as an admin sees it: shown (not inside anything hidden). */
const connectButton = () =>
  [...p.root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === 'Connect' && !b.closest('[hidden]'));
async function connect(secret: string): Promise<void> {
  await p.typeInto('Credential JSON from the Adobe Developer Console', credential(secret));
  await p.typeInto('Brand Portal address', TENANT);
  connectButton()?.click();
}
async function status(text: string): Promise<string> {
  const saying = () => [...p.root.querySelectorAll('[role="status"]')].find((s) => s.textContent?.includes(text));
  await p.until(() => saying() !== undefined, 30000);
  const found = saying();
  if (!found) throw new Error(`no status saying "${text}"`);
  return found.textContent ?? '';
}

test('a wrong secret stops at the token proof: no cloud service is written, the later stages do not run', async () => {
  await emptyAuthor();
  const since = p.emu.context.journal.lastSeq;
  await connect('p8e-not-the-secret');
  expect(await status('Connect stopped at')).toBe(
    'Connect stopped at "Prove that AEM gets a token": the step it opened below says why and how to fix it; go on from there, step by step.',
  );
  // The IMS configuration exists now: a second Connect would try to create another one.
  expect(connectButton()).toBeUndefined();
  const [ims, token, cloud, agents] = progress();
  expect(ims).toBe('Create the IMS configuration: done');
  // In plain words (AEM's own text stays under step 5), step 4 is not "Done", and the address typed waits in step 6.
  expect(token).toBe('Prove that AEM gets a token: failed — Adobe IMS rejected the client ID or client secret: step 5 says how to fix it');
  expect(token).not.toMatch(/AccessTokenProvider|invalid_client/);
  expect(p.stepStatus('imsAccount')).toBe('warning');
  await p.until(
    () => (p.root.querySelector('.bpsetup-cloud-form [data-field="tenantUrl"] input') as HTMLInputElement | null)?.value === TENANT,
  );
  expect((p.root.querySelector('.bpsetup-cloud-form [data-field="tenantUrl"] input') as HTMLInputElement).value).toBe(TENANT);
  expect([cloud, agents]).toEqual([
    'Save the Brand Portal cloud service and wait for its four agents: not run',
    "Test the agents' connection: not run",
  ]);
  expect(writes(since)).toEqual(['/apps/bpsetup/ims/update']);
});

test('AEM refusing the IMS save stops Connect at its first stage with nothing written; the secret entered again, Connect completes', async () => {
  await emptyAuthor();
  await setFaults(p.emu.url, { routes: [{ path: '/apps/bpsetup/ims/update', method: 'POST', status: 500, times: 1 }] });
  const before = repositoryText(p.emu);
  await connect(SECRET);
  expect(await status('Connect stopped at')).toBe(
    'Connect stopped at "Create the IMS configuration": step 4 says why; correct it and connect again.',
  );
  expect(progress()).toEqual([
    'Create the IMS configuration: failed — not saved: step 4 says why',
    'Prove that AEM gets a token: not run',
    'Save the Brand Portal cloud service and wait for its four agents: not run',
    "Test the agents' connection: not run",
  ]);
  expect(repositoryText(p.emu)).toBe(before);
  // The secret left the page with the refused request: the admin enters it again.
  const since = p.emu.context.journal.lastSeq;
  await p.typeInto('Client secret', SECRET);
  connectButton()?.click();
  await status('Connected:');
  expect(writes(since)).toEqual(['/apps/bpsetup/ims/update', '/apps/brandportal/config']);
});

test("where Check Health cannot run (an older package), Connect says so and lets the agents' test prove the token", async () => {
  await emptyAuthor(noHealthScript);
  await connect(SECRET);
  await status('Connected:');
  expect(progress()).toEqual([
    'Create the IMS configuration: done',
    "Prove that AEM gets a token: done — Check Health cannot run on this AEM: the agents' test below proves the token",
    'Save the Brand Portal cloud service and wait for its four agents: done',
    "Test the agents' connection: done — 4 of 4 agents connected",
  ]);
});

test('a wrong secret where Check Health cannot run: the agents fail their test and Connect stops there, saying so', async () => {
  await emptyAuthor(noHealthScript);
  await connect('p8e-not-the-secret');
  expect(await status('Connect stopped at')).toContain(`"Test the agents' connection"`);
  expect(progress()[3]).toBe("Test the agents' connection: failed — 0 of 4 agents connected: the agents table explains each");
});
