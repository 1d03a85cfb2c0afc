/**
 * `npm run probe -- --url http://author:4502 [--user admin] [--out probe-report.json]`
 * The password comes from AEM_PASSWORD (never a flag); AEM_URL and AEM_USER work too.
 * Read-only: sends GET and HEAD only. Prints a table and writes a JSON report.
 */
import { writeFileSync } from 'node:fs';
import { NodeTransport } from './node-transport';
import { overrideCommand, probe } from './probe';
import { terminalSafe, terminalSafeDeep } from './terminal-safe';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (process.argv.some((a) => a === '--password' || a.startsWith('--password='))) {
    console.error('A password is never taken as a flag: set AEM_PASSWORD in the environment.');
    process.exit(2);
  }
  const url = flag('url') ?? process.env.AEM_URL;
  if (!url) {
    console.error(
      'Usage: npm run probe -- --url http://localhost:4502 [--user admin] [--out probe-report.json]   (password in AEM_PASSWORD)',
    );
    process.exit(2);
  }
  const user = flag('user') ?? process.env.AEM_USER ?? 'admin';
  const transport = new NodeTransport({
    baseUrl: url,
    credentials: { user, password: process.env.AEM_PASSWORD ?? 'admin' },
    readOnly: true,
    userAgent: 'bpsetup-probe',
  });
  const found = await probe(transport);
  const out = flag('out') ?? 'probe-report.json';
  writeFileSync(out, `${JSON.stringify(found, null, 2)}\n`);
  // What AEM answered is shown on a terminal: no control characters from it.
  const report = terminalSafeDeep(found);

  console.log(
    `AEM author ${report.author}: version ${report.version ?? 'not readable'}; brandportal-imsconfig-service ${report.serviceUser ?? 'not found'}`,
  );
  console.table(
    report.endpoints.map((e) => ({
      endpoint: e.key,
      confidence: e.confidence,
      read: e.read,
      status: e.status,
      verdict: e.verdict,
      note: e.note,
    })),
  );
  console.table(
    Object.entries(report.services).map(([service, f]) => ({ service, read: f.read, status: f.status, verdict: f.verdict, note: f.note })),
  );
  console.table(report.pages.map((p) => ({ page: p.path, status: p.status, urls: p.urls.length, fields: p.fieldNames.length })));
  const command = overrideCommand(report, user);
  console.log(
    command
      ? `Addresses found in AEM's own scripts. To use them, store them in the page's settings:\n  ${command}`
      : 'No replacement address found in the scripts read; the report lists every URL and field name seen.',
  );
  console.log(`${report.requests.total} requests, ${report.requests.writes} writes. Report: ${out}`);
}

main().catch((e: unknown) => {
  console.error(`probe failed: ${terminalSafe((e as Error).message)}`);
  process.exit(2);
});
