/**
 * `npm start`: the local AEM author emulator with our freshly built content package installed.
 *
 *   node build/emulator/main.js [--help] [--port 4502] [--host 127.0.0.1] [--data data] [--reset]
 *                               [--version 6.5.21.0] [--faults] [--agent-delay 300]
 *                               [--interim-endpoints] [--latency 0] [--strict-csp]
 *                               [--host-name author.example,other.example]
 *
 * Environment: BPSETUP_PORT, BPSETUP_ADMIN_PASSWORD, BPSETUP_EMULATOR_FAULTS=1, BPSETUP_INTERIM_ENDPOINTS=1,
 * BPSETUP_CONTROL_SECRET (else a new one per run, printed).
 * Seeds one demo OAuth Server-to-Server integration in the IMS stub and one demo Brand Portal
 * tenant, and prints them, so the whole setup can be walked by hand.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from './server';
import { PROJECT_ROOT, builtPackagePath } from './paths';
import { DEMO_INTEGRATION, DEMO_TENANT_URL, demoCredentialJson } from './scenarios';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const USAGE = `Local AEM author emulator (npm start runs it after building the package).

  npm start -- [options]        or   node build/emulator/main.js [options]

  --port <n>              port to listen on (default 4502, 0 for any free one; or BPSETUP_PORT)
  --host <address>        address to listen on (default 127.0.0.1)
  --data <dir>            where the repository is kept (default ./data)
  --reset                 start from an empty author
  --version <x.y.z.n>     the AEM version to claim (default 6.5.21.0)
  --faults                allow fault injection (/__emulator/faults)
  --agent-delay <ms>      how long AEM takes to create the four agents (default 300)
  --interim-endpoints     seed and serve the interim public-key address override
  --latency <ms>          wait this long before every AEM answer (benchmarks)
  --strict-csp            send a strict Content-Security-Policy
  --host-name <a,b>       further host names requests may be addressed to
  --help                  this text

Environment: BPSETUP_PORT, BPSETUP_ADMIN_PASSWORD, BPSETUP_EMULATOR_FAULTS=1, BPSETUP_INTERIM_ENDPOINTS=1,
BPSETUP_CONTROL_SECRET, BPSETUP_HOST_NAMES.`;

/** A whole number option within bounds, or a plain message naming the option and what it got. */
function whole(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}"). See --help.`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const packageZip = builtPackagePath();
  if (!existsSync(packageZip)) {
    console.error(`No content package at ${packageZip}. Run "npm run build" first (npm start does it for you).`);
    process.exit(1);
  }
  const port = whole('port', arg('port') ?? process.env.BPSETUP_PORT, 4502, 0, 65535); // 0: any free port
  const password = process.env.BPSETUP_ADMIN_PASSWORD ?? 'admin';
  const emulator = await startEmulator({
    port,
    host: arg('host') ?? '127.0.0.1',
    dataDir: arg('data') ?? join(PROJECT_ROOT, 'data'),
    reset: process.argv.includes('--reset'),
    productVersion: arg('version') ?? '6.5.21.0',
    ...(process.argv.includes('--lts-bundles') && { bundleLine: 'lts' as const }),
    ...(arg('run-modes') && {
      runModes: (arg('run-modes') as string)
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
    }),
    ...(arg('sling-id') && { slingId: arg('sling-id') as string }),
    clusterPeers: (arg('cluster-peers') ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    admin: { user: 'admin', password },
    packageZip,
    faults: process.argv.includes('--faults') || process.env.BPSETUP_EMULATOR_FAULTS === '1',
    agentDelayMs: whole('agent-delay', arg('agent-delay'), 300, 0, 600_000),
    interimEndpoints: process.argv.includes('--interim-endpoints') || process.env.BPSETUP_INTERIM_ENDPOINTS === '1',
    latencyMs: whole('latency', arg('latency'), 0, 0, 600_000),
    demo: true,
    strictCsp: process.argv.includes('--strict-csp'),
    // The control routes' secret: given, or new for every run (printed below).
    controlSecret: process.env.BPSETUP_CONTROL_SECRET ?? '',
    hostNames: (arg('host-name') ?? process.env.BPSETUP_HOST_NAMES ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
  });
  const pagePath = '/apps/bpsetup/content/setup.html';
  const secret = emulator.context.options.controlSecret;
  console.log(`
  Local AEM author emulator (claims AEM ${emulator.context.options.productVersion})
  Mode:              ${emulator.context.options.interimEndpoints ? 'interim endpoints: seeds an address override for the public-key download (an address nobody has published) and serves it' : 'AEM-faithful: answers only what public evidence shows AEM 6.5 answers, plus what the installed package adds (start with --interim-endpoints to seed the interim public-key address override)'}
  Tools console:     ${emulator.url}/aem/start.html
  Brand Portal page: ${emulator.url}${pagePath}
  Login:             admin / ${password === 'admin' ? 'admin' : '(BPSETUP_ADMIN_PASSWORD)'}
  Repository:        ${emulator.context.options.dataDir}/repository.json${emulator.context.options.reset ? ' (reset)' : ''}
  Fault injection:   ${emulator.context.options.faults ? 'on (/__emulator/faults)' : 'off (start with --faults to enable)'}

  Demo Adobe Developer Console credential (OAuth Server-to-Server, accepted by the IMS stub):
    Client ID:              ${DEMO_INTEGRATION.clientId}
    Client secret:          ${DEMO_INTEGRATION.clientSecret}
    Organization ID:        ${DEMO_INTEGRATION.orgId}
    Technical account ID:   ${DEMO_INTEGRATION.technicalAccountId}
    Scopes:                 ${DEMO_INTEGRATION.scopes.join(',')}
  Demo Brand Portal tenant: ${DEMO_TENANT_URL}
  Three actions on the page: paste this into "Credential JSON from the Adobe Developer Console" (under "Connect to Brand Portal"),
  type the tenant into "Brand Portal address", click Connect:
    ${demoCredentialJson()}
  JWT path: turn your AEM-Adobe-IMS.crt into a credential at ${emulator.url}/__emulator/developer-console.html?secret=${secret}
  Control routes (/__emulator/*, local only): send the header X-Emulator-Secret: ${secret}
    e.g. curl -X POST -H 'X-Emulator-Secret: ${secret}' ${emulator.url}/__emulator/reset
  Stop with Ctrl+C.
`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  const err = e as NodeJS.ErrnoException & { port?: number; address?: string };
  if (err.code === 'EADDRINUSE')
    console.error(
      `Port ${err.port ?? ''} on ${err.address ?? 'this machine'} is already in use (another emulator or AEM?): start with npm start -- --port <n>, or BPSETUP_PORT=<n>.`,
    );
  else console.error(err.message ?? err);
  process.exit(1);
});
