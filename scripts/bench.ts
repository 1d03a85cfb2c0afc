/**
 * `npm run bench`: figures, never pass/fail. First the download sizes (gzip, as a Dispatcher
 * serves them), then the walkthrough in headless Chromium against the emulator: what an admin
 * does on this page to go from an empty author to four connected agents, and how many requests
 * reach AEM, compared in the same run with the manual route's count.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT, builtPackagePath, CORAL_DIST } from '../emulator/paths';
import { startEmulator } from '../emulator/server';
import { chromiumPath, login, openBrowser } from '../test/helpers/chromium';
import { walkOauthSetup } from './walkthrough';
import { countRequests } from './request-counts';
import { PANELS_MARK, READY_MARK } from '../ui.frontend/src/app/timing';
import { registerTenant } from '../emulator/brand-portal';
import { DEMO_INTEGRATION, DEMO_TENANT_URL, ensureDemoIntegration } from '../emulator/scenarios';
import { runFleet } from '../cli/fleet';
import type { HostTask } from '../cli/host-worker';
import { parseSetupConfig } from '../cli/setup-config';

/** The product brief's count for the manual route through four consoles and the Developer Console. */
const MANUAL_CLICKS_AND_FIELDS = 60;
/** Network and server time per AEM request in the fleet figure (an emulator in this process answers at once). */
const LATENCY_MS = 20;

const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const rows: [string, string, string][] = [];
const row = (name: string, value: string, note = '') => rows.push([name, value, note]);

function sizes(): void {
  const dist = join(PROJECT_ROOT, 'ui.frontend/dist/clientlib-setup');
  const js = readFileSync(join(dist, 'setup.js'));
  const css = readFileSync(join(dist, 'setup.css'));
  const zip = readFileSync(builtPackagePath());
  const coral = Buffer.concat([readFileSync(join(CORAL_DIST, 'js/coral.min.js')), readFileSync(join(CORAL_DIST, 'css/coral.min.css'))]);
  const panel = gz(js) + gz(css);
  row('up-front JS+CSS (gzip)', kib(panel), `${panel} B; ${js.length + css.length} B raw, loaded with the page (target at most 25 KB)`);
  row('  setup.js (gzip)', kib(gz(js)), `${js.length} B raw`);
  row('  setup.css (gzip)', kib(gz(css)), `${css.length} B raw`);
  // Parts: fetched when a visit needs them (ui/parts.ts), never with the page.
  const parts = readdirSync(join(dist, 'parts'))
    .filter((f) => f.endsWith('.js'))
    .sort();
  const part = (name: string) => gz(readFileSync(join(dist, 'parts', `${name}.js`)));
  for (const f of parts) row(`  part ${f.replace(/\.js$/, '')} (gzip)`, kib(part(f.replace(/\.js$/, ''))), 'fetched when needed');
  row(
    'fresh author: up-front + the two forms (gzip)',
    kib(panel + part('ims-account-form') + part('brand-portal-form')),
    'what an empty author downloads before typing',
  );
  row('content package zip', kib(zip.length), `${zip.length} B`);
  row('Coral JS+CSS AEM already serves (gzip)', kib(gz(coral)), 'not in our bundle');
  row('bundling Coral would multiply the page download by', `${((panel + gz(coral)) / panel).toFixed(1)}x`, 'same-run ratio');
}

async function walkthrough(interimEndpoints: boolean): Promise<void> {
  try {
    chromiumPath();
  } catch {
    row('walkthrough', 'skipped', 'no Chromium (npm test installs it)');
    return;
  }
  row(
    interimEndpoints ? 'walkthrough, --interim-endpoints mode' : 'walkthrough, AEM-faithful mode (default)',
    '',
    interimEndpoints
      ? 'the public-key override seeded in the settings, as an administrator would after the probe'
      : "what AEM 6.5 with the package answers: the package's health script proves the token",
  );
  const emu = await startEmulator({
    port: 0,
    dataDir: null,
    packageZip: builtPackagePath(),
    quiet: true,
    agentDelayMs: 300,
    interimEndpoints,
  });
  const browser = await openBrowser(PROJECT_ROOT);
  try {
    await login(browser.page, emu.url, '/aem/start.html');
    const since = emu.context.journal.lastSeq;
    const started = Date.now();
    let connectedAt = 0;
    const { navigation, setup, typedFields } = await walkOauthSetup(browser.page, emu, {
      milestone: async (name) => {
        if (name === 'connected') connectedAt = emu.context.journal.lastSeq;
      },
    });
    const elapsed = Date.now() - started;
    const journal = emu.context.journal.list(since);
    const { sent: requests, writes, repeatedReads: repeated, pageLoads } = countRequests(journal.filter((r) => r.seq <= connectedAt));
    const checkReads = countRequests(journal.filter((r) => r.seq > connectedAt)).sent.length;
    // BENCH_REQUESTS=1 lists every request, to see which reads repeat.
    if (process.env.BENCH_REQUESTS) for (const r of requests) console.log(`    ${r.method} ${r.path}${r.query ?? ''} ${r.status}`);
    row(
      '  admin actions on the page, empty author → 4 agents connected',
      String(setup),
      `${typedFields} typed/pasted, ${setup - typedFields} click (Connect, which the empty author's page leads with)`,
    );
    row('  clicks to reach the page', String(navigation), "AEM's start page → Tools → Brand Portal setup tile");
    row('  manual route (product brief)', String(MANUAL_CLICKS_AND_FIELDS), 'clicks and typed fields over five consoles');
    row(
      '  actions saved',
      `${(MANUAL_CLICKS_AND_FIELDS / (navigation + setup)).toFixed(1)}x fewer`,
      'same-run ratio, counting the clicks to reach the page',
    );
    row(
      '  requests the page sends to AEM, to 4 connected',
      String(requests.length),
      `${interimEndpoints ? 'target at most 25 (22, plus three reads that prove the settings access rule before an override applies)' : 'target at most 22'}; ${writes.length} writes: ${writes.map((w) => w.path).join(', ')}`,
    );
    row(
      '  whole-setup check right after',
      String(checkReads),
      'reads; no Test Connection or Check Health again: the four queues, the two proxy configurations, the contribution flag',
    );
    row('  reads repeated with no write between', String(repeated.length), repeated.map((r) => r.path).join(', ') || 'none');
    row('  page loads (console, page, icon, clientlibs)', String(pageLoads), 'the browser, not the page');
    row(
      '  wall time of the walkthrough (emulator)',
      `${(elapsed / 1000).toFixed(1)} s`,
      'includes the 300 ms agent delay; a figure, not a test',
    );
  } finally {
    await browser.close();
    await emu.close();
  }
}

/**
 * Page readiness, in the browser's own clock and both from a click: the Tools console (a click on
 * its Brand Portal category link to that console's load event), against a click on the tile to
 * the page's `bpsetup:ready` mark (every step's state read from AEM and shown) and to
 * `bpsetup:panels` (the six panels built). Medians of 9 alternating loads, same run.
 */
/** Loads of each page per readiness figure: odd, so the median is one of them. */
const SAMPLES = 9;

async function readiness(): Promise<void> {
  const emu = await startEmulator({ port: 0, dataDir: null, packageZip: builtPackagePath(), quiet: true });
  const browser = await openBrowser(PROJECT_ROOT);
  try {
    const { page } = browser;
    await login(page, emu.url, '/aem/start.html');
    const consoleTimes: number[] = [];
    const readyTimes: number[] = [];
    const panelTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      await page.goto(`${emu.url}/aem/start.html`, { waitUntil: 'load' });
      const categoryClickedAt = await page.evaluate(() => {
        const at = performance.timeOrigin + performance.now();
        document.querySelector<HTMLElement>('a.emulator-tools-category[data-category="bpsetup"]')?.click();
        return at;
      });
      await page.waitForURL('**/aem/start.html?category=bpsetup', { waitUntil: 'load' });
      consoleTimes.push(
        (await page.evaluate(
          () => performance.timeOrigin + (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
        )) - categoryClickedAt,
      );
      const clickedAt = await page.evaluate(() => {
        const at = performance.timeOrigin + performance.now();
        document.querySelector<HTMLElement>('a.emulator-tools-tile[data-id="bpsetup__setup"]')?.click();
        return at;
      });
      await page.waitForURL('**/apps/bpsetup/content/setup.html');
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, PANELS_MARK);
      const [ready, panels] = await page.evaluate(
        (marks) => marks.map((m) => performance.timeOrigin + performance.getEntriesByName(m)[0].startTime),
        [READY_MARK, PANELS_MARK],
      );
      readyTimes.push(ready - clickedAt);
      panelTimes.push(panels - clickedAt);
    }
    const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[(SAMPLES - 1) / 2]);
    row('Tools console load', `${median(consoleTimes)} ms`, `median of ${SAMPLES}, click on a Tools category to its load event`);
    row('tile click to page ready', `${median(readyTimes)} ms`, `median of ${SAMPLES}, until every step shows its state read from AEM`);
    row('  ready / Tools console', `${(median(readyTimes) / median(consoleTimes)).toFixed(2)}x`, 'same-run ratio (target at most 1.5)');
    row('tile click to panels built', `${median(panelTimes)} ms`, 'the six step panels below the list, one task later');
  } finally {
    await browser.close();
    await emu.close();
  }
}

/** The CLI on a fleet: checking three authors at concurrency 3, against one, in the same run (medians of 3). */
async function cliFleet(): Promise<void> {
  // A real author answers over a network after some server time: 20 ms per request stands for it.
  const emus = await Promise.all(
    [0, 1, 2].map(() =>
      startEmulator({ port: 0, dataDir: null, packageZip: builtPackagePath(), quiet: true, agentDelayMs: 100, latencyMs: LATENCY_MS }),
    ),
  );
  try {
    for (const emu of emus) {
      ensureDemoIntegration(emu.context);
      registerTenant(emu.context.repo, DEMO_TENANT_URL);
    }
    const hosts = emus.map((e) => ({ url: e.url, user: 'admin', password: 'admin' }));
    const config = parseSetupConfig(
      JSON.stringify({
        clientId: DEMO_INTEGRATION.clientId,
        orgId: DEMO_INTEGRATION.orgId,
        scopes: DEMO_INTEGRATION.scopes,
        tenantUrl: DEMO_TENANT_URL,
      }),
    );
    const fleet = (tasks: HostTask[], concurrency: number) => runFleet(tasks, { concurrency, timeoutSeconds: 120, quiet: true });
    const setup = await fleet(
      hosts.map((host) => ({ command: 'setup', host, config, clientSecret: DEMO_INTEGRATION.clientSecret })),
      3,
    );
    if (setup.some((r) => r.exit !== 0)) throw new Error('bench: the fleet setup did not end healthy');
    const timed = async (n: number, concurrency: number) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        await fleet(
          hosts.slice(0, n).map((host) => ({ command: 'check', host })),
          concurrency,
        );
        times.push(Date.now() - started);
      }
      return times.sort((a, b) => a - b)[1];
    };
    const one = await timed(1, 1);
    const three = await timed(3, 3);
    row('CLI: bpsetup check, 1 author', `${one} ms`, `median of 3, worker thread included; emulators answer after ${LATENCY_MS} ms`);
    row('CLI: bpsetup check, 3 authors, concurrency 3', `${three} ms`, 'median of 3');
    row('  three authors / one author', `${(three / one).toFixed(2)}x`, 'same-run ratio (target at most 1.5)');
  } finally {
    await Promise.all(emus.map((e) => e.close()));
  }
}

async function main(): Promise<void> {
  if (!existsSync(builtPackagePath())) throw new Error('Run "npm run build" first (npm run bench does).');
  sizes();
  await readiness();
  await walkthrough(false);
  await walkthrough(true);
  await cliFleet();
  // The same figures as JSON, for trend tracking (git-ignored with the other test output).
  mkdirSync(join(PROJECT_ROOT, 'test-results'), { recursive: true });
  const out = join(PROJECT_ROOT, 'test-results', 'bench.json');
  writeFileSync(
    out,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), figures: rows.map(([name, value, note]) => ({ name: name.trim(), value, note })) }, null, 2)}\n`,
  );
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log('bpsetup benchmark figures');
  for (const [name, value, note] of rows) console.log(`  ${name.padEnd(width)}  ${value.padStart(14)}  ${note}`);
  console.log(`  (also written to ${out.slice(PROJECT_ROOT.length + 1)})`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
