/**
 * The package's test publish, twice: compiled from ui.apps by Apache Jasper and run in the
 * embedded Tomcat harness (a Replicator that queues to the agents the filter includes), and as
 * the emulator serves it. Both must answer alike: who may run it, which agents it accepts, what it
 * queues, what cleanup removes before and after delivery, a Replicator that refuses, leftovers swept.
 */
import { PUBLISH_PROOF, agentName } from '../../core/contract/aem-names';
import type { RunningEmulator } from '../../emulator/server';
import { connectedAuthor } from '../helpers/brand-portal-fixtures';
import { receivedAt } from '../../emulator/agents';
import { type Client, loggedIn, setFaults } from '../helpers/emulator';
import { type RunningHarness, startJspHarness } from '../helpers/jsp-harness';

const TENANT = 'https://proofs.brand-portal.adobe.com';
const AGENTS = [0, 1, 2, 3].map((i) => agentName(i, 'proofs'));
const ADMIN = { id: 'admin', password: 'admin', admin: true };
const AUTHOR = { id: 'author', password: 'author-pass', admin: false };
const basic = (u: { id: string; password: string }) => `Basic ${Buffer.from(`${u.id}:${u.password}`).toString('base64')}`;

let emu: RunningEmulator;
let jsp: RunningHarness;
let c: Client;

beforeAll(async () => {
  emu = await connectedAuthor(
    { faults: true, agentDelayMs: 0, replicationDelayMs: 20, users: [{ user: AUTHOR.id, password: AUTHOR.password }] },
    'proofclient',
    'proof-secret-1',
    TENANT,
  );
  c = await loggedIn(emu.url);
  jsp = await startJspHarness([ADMIN, AUTHOR], [], { agents: [...AGENTS, 'publish'] });
}, 60000);
afterAll(async () => {
  await jsp?.close();
  await emu?.close();
});
afterEach(async () => {
  await setFaults(emu.url, null);
  await jsp.refuse(undefined);
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const form = (fields: [string, string][]) => new URLSearchParams(fields);
const publishForm = (agents = AGENTS) => form([['action', 'publish'], ...agents.map((a): [string, string] => ['agent', a])]);
const cleanupForm = (path: string, agents = AGENTS) =>
  form([['action', 'cleanup'], ['path', path], ...agents.map((a): [string, string] => ['agent', a])]);

async function ask(base: string, body: URLSearchParams | undefined, user = ADMIN): Promise<Answer> {
  // AEM's CSRF filter runs before any script: the emulator's writes carry the admin session's token.
  const emulated = base === emu.url;
  const headers: Record<string, string> =
    emulated && user === ADMIN ? { Cookie: c.cookie, ...(body && { 'CSRF-Token': await c.csrfToken() }) } : { Authorization: basic(user) };
  if (emulated && user !== ADMIN && body)
    Object.assign(headers, { 'CSRF-Token': await (await loggedIn(emu.url, user.id, user.password)).csrfToken() });
  const res = await fetch(`${base}${body ? PUBLISH_PROOF.node : `${PUBLISH_PROOF.node}.json`}`, {
    method: body ? 'POST' : 'GET',
    body,
    redirect: 'manual',
    headers,
  });
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Asset names carry the time they were made: the same shape is all two servers can share. */
const shaped = (a: Answer): Answer => {
  const body = JSON.parse(JSON.stringify(a.body).replace(/bpsetup-test-\d{13}\.png/g, 'bpsetup-test-<ms>.png')) as Record<string, unknown>;
  if (typeof body.queuedAt === 'number') body.queuedAt = 'ms';
  return { status: a.status, body };
};

async function both(body: URLSearchParams | undefined, user = ADMIN): Promise<[Answer, Answer]> {
  return [shaped(await ask(jsp.url, body, user)), shaped(await ask(emu.url, body, user))];
}

const emulatedQueue = async (agent: string) =>
  (
    (await (await c.get(`/etc/replication/agents.author/${agent}/jcr:content.queue.json`)).json()) as {
      queue: { path: string; type: string }[];
    }
  ).queue;

async function emulatorDrained(path: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const queues = await Promise.all(AGENTS.map(emulatedQueue));
    if (!queues.flat().some((item) => item.path === path)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the emulator's agents never delivered ${path}`);
}

test('only administrators; only publish and cleanup; only Brand Portal agents of this AEM', async () => {
  const [real, emulated] = await both(publishForm(), AUTHOR);
  expect(real).toEqual({ status: 403, body: { error: 'not-administrator', message: expect.stringContaining('administrators') } });
  expect(emulated).toEqual(real);
  const [list, emulatedList] = await both(undefined, AUTHOR);
  expect(list.status).toBe(403);
  expect(emulatedList).toEqual(list);
  for (const bad of [
    form([['action', 'delete']]),
    form([['action', 'publish']]),
    publishForm(['publish']),
    publishForm(['mp_replication_agent9_missing']),
  ]) {
    const [r, e] = await both(bad);
    expect(r.status).toBe(400);
    expect(e).toEqual(r);
  }
  const [foreign] = await both(publishForm(['publish']));
  expect(foreign.body).toMatchObject({ error: 'unknown-agent', agent: 'publish' });
  const [outside, emulatedOutside] = await both(cleanupForm('/content/dam/we-retail/logo.png'));
  expect(outside.body).toMatchObject({ error: 'not-a-test-asset' });
  expect(emulatedOutside).toEqual(outside);
});

test('publish queues the activation to the named agents only; delivered, cleanup unpublishes and deletes; nothing is left', async () => {
  const real = await ask(jsp.url, publishForm());
  const emulated = await ask(emu.url, publishForm());
  expect(shaped(real)).toEqual({
    status: 200,
    body: { path: `${PUBLISH_PROOF.folder}/bpsetup-test-<ms>.png`, agents: AGENTS, queuedAt: 'ms', swept: [] },
  });
  expect(shaped(emulated)).toEqual(shaped(real));
  const realPath = String(real.body.path);
  const state = await jsp.state();
  expect(state.replicated).toEqual([{ type: 'ACTIVATE', path: realPath, agents: AGENTS }]);
  expect(state.queues.publish).toEqual([]);
  expect(state.paths).toContain(`${realPath}/jcr:content/renditions/original`);

  await jsp.deliver();
  await emulatorDrained(String(emulated.body.path));
  // Delivered: the emulated tenant holds the asset in its folder.
  expect(emu.context.repo.exists(receivedAt(emu.context, AGENTS[0], String(emulated.body.path)) as string)).toBe(true);
  const [cleaned, emulatedCleaned] = [
    shaped(await ask(jsp.url, cleanupForm(realPath))),
    shaped(await ask(emu.url, cleanupForm(String(emulated.body.path)))),
  ];
  expect(cleaned).toEqual({
    status: 200,
    body: {
      path: `${PUBLISH_PROOF.folder}/bpsetup-test-<ms>.png`,
      removed: true,
      dequeued: [],
      unpublishQueued: AGENTS,
      unpublishError: null,
      folderUnpublishQueued: AGENTS,
    },
  });
  expect(emulatedCleaned).toEqual(cleaned);
  // The asset's unpublish, then its folder's: publishing the asset made the folder on Brand Portal.
  expect((await jsp.state()).replicated.slice(-2)).toEqual([
    { type: 'DEACTIVATE', path: realPath, agents: AGENTS },
    { type: 'DEACTIVATE', path: PUBLISH_PROOF.folder, agents: AGENTS },
  ]);
  expect((await jsp.state()).paths.filter((p) => p.startsWith(PUBLISH_PROOF.folder))).toEqual([]);
  const [left, emulatedLeft] = await both(undefined);
  expect(left).toEqual({ status: 200, body: { folder: PUBLISH_PROOF.folder, exists: false, assets: [] } });
  expect(emulatedLeft).toEqual(left);
  await jsp.deliver();
  await emulatorDrained(String(emulated.body.path));
  await emulatorDrained(PUBLISH_PROOF.folder);
  // Nothing of the test on the emulated tenant: neither the asset nor its folder.
  expect(emu.context.repo.exists(receivedAt(emu.context, AGENTS[0], PUBLISH_PROOF.folder) as string)).toBe(false);
  // Saved as a workflow process saves: AEM's DAM Update Asset launcher started nothing.
  expect((await jsp.state()).workflows).toEqual([]);
});

test('a tenant that refuses: cleanup takes the waiting activation out of every queue and unpublishes nothing', async () => {
  await setFaults(emu.url, { tenantRefuses: 'Received response from remote server: HTTP/1.1 403 Forbidden' });
  const real = await ask(jsp.url, publishForm());
  const emulated = await ask(emu.url, publishForm());
  // The emulator's agents try, fail and block; the harness's never deliver: both still hold the item.
  for (let i = 0; i < 100 && !(await emulatedQueue(AGENTS[0])).length; i++) await new Promise((r) => setTimeout(r, 20));
  const [cleaned, emulatedCleaned] = [
    shaped(await ask(jsp.url, cleanupForm(String(real.body.path)))),
    shaped(await ask(emu.url, cleanupForm(String(emulated.body.path)))),
  ];
  expect(cleaned.body).toMatchObject({ removed: true, dequeued: AGENTS, unpublishQueued: [], folderUnpublishQueued: [] });
  expect(emulatedCleaned).toEqual(cleaned);
  expect(Object.values((await jsp.state()).queues).flat()).toEqual([]);
  for (const agent of AGENTS) expect(await emulatedQueue(agent)).toEqual([]);
});

test("AEM's Replicator refuses: 502 with its text, and the asset is gone", async () => {
  await jsp.refuse('Replication action ACTIVATE denied: no crx:replicate');
  await setFaults(emu.url, { replicatorRefuses: 'Replication action ACTIVATE denied: no crx:replicate' });
  const [real, emulated] = await both(publishForm());
  expect(real).toEqual({
    status: 502,
    body: { error: 'replication-refused', message: 'Replication action ACTIVATE denied: no crx:replicate' },
  });
  expect(emulated).toEqual(real);
  const [left, emulatedLeft] = await both(undefined);
  expect(left.body).toEqual({ folder: PUBLISH_PROOF.folder, exists: false, assets: [] });
  expect(emulatedLeft).toEqual(left);
});

test('a test an earlier run left (a closed browser) more than ten minutes ago is swept before the next one', async () => {
  const old = `${PUBLISH_PROOF.folder}/bpsetup-test-${Date.now() - PUBLISH_PROOF.runExpiryMs - 1000}.png`;
  await jsp.add(old);
  emu.context.repo.change((tx) => tx.setProps(old, { 'jcr:primaryType': 'dam:Asset' }));
  const [next, emulatedNext] = [await ask(jsp.url, publishForm()), await ask(emu.url, publishForm())];
  expect([next.status, next.body.swept]).toEqual([200, [old]]);
  expect(shaped(emulatedNext)).toEqual(shaped(next));
  expect((await jsp.state()).paths).not.toContain(old);
  expect(emu.context.repo.exists(old)).toBe(false);
  const [left, emulatedLeft] = await both(undefined);
  expect(left.body).toEqual({ folder: PUBLISH_PROOF.folder, exists: true, assets: [`${PUBLISH_PROOF.folder}/bpsetup-test-<ms>.png`] });
  expect(emulatedLeft).toEqual(left);
  await ask(jsp.url, cleanupForm(String(next.body.path)));
  await ask(emu.url, cleanupForm(String(emulatedNext.body.path)));
});

test('a test publish runs alone: while one is running the next is refused (409), writes nothing, and leaves the first one alone', async () => {
  const [first, emulatedFirst] = [await ask(jsp.url, publishForm()), await ask(emu.url, publishForm())];
  const before = (await jsp.state()).replicated.length;
  const since = emu.context.journal.lastSeq;
  const [second, emulatedSecond] = [await ask(jsp.url, publishForm()), await ask(emu.url, publishForm())];
  const refused = (path: unknown) => ({
    status: 409,
    body: {
      error: 'test-running',
      path,
      message: `Another test publish (${String(path)}) is still running; run this one when it has ended.`,
    },
  });
  expect(second).toEqual(refused(first.body.path));
  expect(emulatedSecond).toEqual(refused(emulatedFirst.body.path));
  expect((await jsp.state()).replicated.length).toBe(before);
  expect((await jsp.state()).paths).toContain(first.body.path);
  expect(emu.context.repo.exists(String(emulatedFirst.body.path))).toBe(true);
  expect(emu.context.journal.list(since).filter((r) => r.write && r.status === 200)).toEqual([]);
  // The first one cleans up as usual.
  await ask(jsp.url, cleanupForm(String(first.body.path)));
  await ask(emu.url, cleanupForm(String(emulatedFirst.body.path)));
});
