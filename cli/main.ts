/**
 * `bpsetup`: the setup page's checks and setup from a terminal or CI, for one author or a fleet.
 *
 *   bpsetup check [--url URL]... [--hosts FILE] [--json] [--report FILE] [--publish-test]
 *   bpsetup setup --config setup.json [--dry-run] [--update-secret] [--confirm-tenant] [--replace-tenant]
 *   bpsetup migrate --config setup.json
 *   bpsetup remove-orphans [--dry-run]
 *   bpsetup diagnostics [--out-dir DIR]
 *   bpsetup probe [--out-dir DIR] [--bundle FILE]
 *
 * Authors come from --url (repeatable), --hosts or AEM_URL; credentials from AEM_USER and
 * AEM_PASSWORD (or a per-host password variable in the hosts file), never from a flag. Exit codes:
 * 0 healthy (or done), 1 problems found, 2 cannot connect or bad usage.
 */
import { fleetProblems } from '../core/domain/fleet-rules';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { maskValue } from '../core/domain/mask';
import { fleetExit, resultLabel, runFleet } from './fleet';
import { type Host, UsageError, hostsFromUrls, parseHostsFile, requireSafeTransport } from './hosts';
import type { HostResult } from './host-result';
import type { CommandName, HostTask } from './host-worker';
import { ConfigError, type SetupConfig, parseSetupConfig, readClientSecret, tenantsPerHost } from './setup-config';
import { terminalSafe } from './terminal-safe';

interface GlobalOptions {
  url?: string[];
  hosts?: string;
  concurrency: string;
  timeout: string;
  json?: boolean;
  report?: string;
  allowHttp?: boolean;
}

/** The authors, and notes on how they were read (an address shortened, a default login used) for stderr. */
function hostsOf(o: GlobalOptions, env: NodeJS.ProcessEnv): Host[] {
  const notes: string[] = [];
  const hosts = [...(o.hosts ? parseHostsFile(readFileSync(o.hosts, 'utf8'), env, notes) : []), ...hostsFromUrls(o.url ?? [], env, notes)];
  if (!hosts.length && env.AEM_URL) hosts.push(...hostsFromUrls([env.AEM_URL], env, notes));
  if (!hosts.length) throw new UsageError('Name at least one author: --url http://host:4502, --hosts hosts.txt, or AEM_URL.');
  requireSafeTransport(hosts, Boolean(o.allowHttp));
  for (const note of notes) process.stderr.write(`note: ${terminalSafe(note)}\n`);
  return hosts;
}

/** Every credential and secret this run holds, masked wherever text leaves the process. */
let secrets: string[] = [];
const mask = (text: string) => secrets.reduce((out, s) => maskValue(out, s), text);
const print = (text: string) => process.stdout.write(`${terminalSafe(mask(text))}\n`);

/** Why the settings' address overrides were not applied, in the table's words. */
function notAppliedWhy(n: { why: string; writers?: string[] }): string {
  if (n.why === 'rule-unreadable') return 'who may write them could not be read';
  if (n.why === 'other-writers') return `users other than administrators may write them: ${(n.writers ?? []).join(', ')}`;
  return "the package's access rule on them is missing or changed";
}

function table(results: HostResult[]): string {
  const rows = results.map((r) => [
    r.url,
    r.exit === 0
      ? 'ok'
      : r.exit === 1
        ? 'PROBLEMS'
        : r.failure?.reason === 'authentication'
          ? 'AUTH FAILED'
          : r.failure?.reason === 'unreachable'
            ? 'UNREACHABLE'
            : r.failure?.reason === 'not-aem'
              ? 'NOT AEM'
              : r.failure?.reason === 'publish'
                ? 'PUBLISH'
                : r.failure
                  ? 'NOT CHECKED'
                  : 'NOT READ',
    r.version ?? '',
    r.tokenProvenBy ?? '',
    r.agentsConnected === undefined ? '' : `${r.agentsConnected}/4`,
    resultLabel(r),
  ]);
  const head = ['author', 'result', 'AEM', 'token proven by', 'agents', 'details'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const out = [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  for (const r of results) {
    const issues = [
      ...(r.failure ? [{ title: r.failure.title, fix: `${r.failure.explanation} ${r.failure.fix}` }] : []),
      ...(r.problems ?? []).filter((p) => p.severity === 'error' || p.severity === 'unknown'),
    ];
    for (const p of issues) out.push(`${r.url}: ${p.title}\n    Fix: ${p.fix}`);
    for (const p of (r.problems ?? []).filter((x) => x.severity === 'warning')) out.push(`${r.url}: (advice) ${p.title}\n    ${p.fix}`);
    const o = r.addressOverrides;
    for (const a of o?.applied ?? []) out.push(`${r.url}: address override in force: ${a.endpoint} = ${a.path} (shipped: ${a.shipped})`);
    if (o?.refused.length) out.push(`${r.url}: address overrides refused (not safe paths): ${o.refused.join(', ')}`);
    if (o?.notApplied)
      out.push(`${r.url}: address overrides not applied (${notAppliedWhy(o.notApplied)}): ${o.notApplied.endpoints.join(', ')}`);
    for (const c of r.changes) {
      out.push(`${r.url}: ${c.planned ? 'would ' : ''}${c.action} (${c.path})`);
      for (const d of c.differences ?? []) out.push(`    ${d.property}: ${d.from || '(none)'} -> ${d.to}`);
    }
  }
  return out.join('\n');
}

/** Every command's own options (commander gives those its command declares). */
interface CommandOptions {
  config?: string;
  dryRun?: boolean;
  updateSecret?: boolean;
  confirmTenant?: boolean;
  replaceTenant?: boolean;
  sharedTenant?: boolean;
  outDir?: string;
  publishTest?: boolean;
  bundle?: string;
}

async function run(command: CommandName, global: GlobalOptions, extra: CommandOptions): Promise<number> {
  const env = process.env;
  const hosts = hostsOf(global, env);
  let config: SetupConfig | undefined;
  let clientSecret: string | undefined;
  if (command === 'setup' || command === 'migrate') {
    if (!extra.config) throw new UsageError(`${command} needs --config setup.json`);
    // Checked completely before any author is contacted: a bad file sends nothing.
    config = parseSetupConfig(readFileSync(extra.config, 'utf8'), { confirmTenant: extra.confirmTenant });
    const secretVar = config.clientSecretEnv;
    const misused = hosts.find((h) => h.passwordVar === secretVar);
    if (misused) throw new UsageError(`${misused.url}: the password variable ${secretVar} is the client secret's; name another one`);
    clientSecret = readClientSecret(config, env);
  }
  // setup: each author's own tenant (hosts file), never one tenant for several unless they are one cluster.
  const tenants =
    command === 'setup' && config
      ? tenantsPerHost(hosts, config, { confirmTenant: extra.confirmTenant, sharedTenant: extra.sharedTenant })
      : undefined;
  secrets = [clientSecret, ...hosts.map((h) => h.password)].filter((s): s is string => Boolean(s));
  if (extra.bundle && hosts.length !== 1) throw new UsageError('probe --bundle captures one author: name exactly one (--url).');
  const tasks: HostTask[] = hosts.map((host, i) => ({
    command,
    host,
    config: config && tenants ? { ...config, tenantUrl: tenants[i] } : config,
    clientSecret,
    dryRun: extra.dryRun,
    updateSecret: extra.updateSecret,
    replaceTenant: extra.replaceTenant,
    publishTest: extra.publishTest,
    bundle: Boolean(extra.bundle),
  }));
  const concurrency = Math.max(1, Number(global.concurrency) || 4);
  const results = await runFleet(tasks, {
    concurrency,
    timeoutSeconds: Math.max(1, Number(global.timeout) || 120),
    quiet: Boolean(global.json),
  });
  const fleet = { problems: fleetProblems(results) };
  const exit = Math.max(fleetExit(results), fleet.problems.some((p) => p.severity === 'error') ? 1 : 0) as 0 | 1 | 2;
  const report = mask(JSON.stringify({ command, exit, generatedAt: new Date().toISOString(), fleet, hosts: results }, null, 2));
  if (global.report) writeFileSync(global.report, `${report}\n`);
  if (extra.outDir) {
    mkdirSync(extra.outDir, { recursive: true });
    results.forEach((r, i) => {
      const body = r.report ?? (r.probe ? JSON.stringify(r.probe, null, 2) : undefined);
      if (body)
        writeFileSync(
          join(extra.outDir as string, `${i + 1}-${new URL(r.url).host.replace(/[^a-z0-9.-]/gi, '_')}-${command}.json`),
          `${mask(body)}\n`,
        );
    });
  }
  const evidence = results[0]?.evidence;
  if (extra.bundle && evidence) {
    // Masked twice over: by key and shape in the capture, and every credential of this run here.
    writeFileSync(extra.bundle, `${mask(JSON.stringify(evidence, null, 2))}\n`);
    process.stderr.write(
      `evidence written to ${terminalSafe(extra.bundle)}: product info, bundle list, IMS provider and customizer settings (secrets masked), the IMS console's form names and addresses, the Brand Portal cloud service and agents. Compare it with: npm run contract:compare -- ${terminalSafe(extra.bundle)}\n`,
    );
  }
  if (global.json) print(report);
  else print([table(results), ...fleet.problems.map((p) => `fleet (${p.hosts.length} authors): ${p.title}\n    ${p.fix}`)].join('\n'));
  return exit;
}

export function program(): Command {
  const p = new Command('bpsetup')
    .description('Check, set up, migrate and diagnose Brand Portal publishing on AEM 6.5 authors (one, or a fleet).')
    .option('--url <url>', 'an AEM author (repeatable)', (v: string, all: string[] = []) => [...all, v])
    .option('--hosts <file>', 'one author per line: <url> [user] [password-env-var] [tenant=<tenant-url>]')
    .option('--concurrency <n>', 'authors handled at once', '4')
    .option('--timeout <seconds>', 'time allowed per author', '120')
    .option('--json', 'print the JSON report instead of the table')
    .option('--report <file>', 'also write the JSON report to a file')
    .option('--allow-http', 'allow plain http to authors other than this machine (the password then travels unencrypted)')
    .addOption(new Option('--password <value>').hideHelp())
    .showHelpAfterError()
    .exitOverride();
  const globals = (cmd: Command) => cmd.optsWithGlobals() as GlobalOptions & { password?: string };
  const action = (name: CommandName) => async (options: CommandOptions, cmd: Command) => {
    if (globals(cmd).password !== undefined)
      throw new UsageError('A password is never taken as a flag: set AEM_PASSWORD (or a password variable in the hosts file).');
    process.exitCode = await run(name, globals(cmd), options);
  };
  p.command('check')
    .description('read-only whole-setup health check (exit 0 healthy, 1 problems, 2 cannot connect)')
    .option(
      '--publish-test',
      "also publish a test asset to Brand Portal through the tenant's agents, then unpublish and delete it (the only write)",
    )
    .action(action('check'));
  p.command('setup')
    .description('IMS configuration (OAuth), cloud service and agents; idempotent')
    .requiredOption('--config <file>', 'setup.json (the secret comes from the environment or a file)')
    .option('--dry-run', 'list the writes per author, send none')
    .option('--update-secret', 'send the client secret again even when nothing else changed')
    .option('--confirm-tenant', 'the tenant URL is not a *.brand-portal.adobe.com address, and Adobe gave it to you')
    .option('--shared-tenant', 'several authors get the same tenant because they are one cluster (one repository)')
    .option(
      '--replace-tenant',
      'the author publishes to another tenant: replace it (queues empty, a backup package of the old agents, the new agents proven, then the old removed)',
    )
    .action(action('setup'));
  p.command('migrate')
    .description('move the Brand Portal JWT configuration to OAuth, keeping its id')
    .requiredOption('--config <file>', 'setup.json with the OAuth credential')
    .option('--dry-run', 'list the writes, send none')
    .action(action('migrate'));
  p.command('remove-orphans')
    .description('remove the Brand Portal agents of no configuration, exactly those: queues empty, a backup package first, then read back')
    .option('--dry-run', 'list them, send nothing')
    .action(action('remove-orphans'));
  p.command('diagnostics')
    .description('the masked diagnostics report per author')
    .option('--out-dir <dir>', 'write one report file per author')
    .action(action('diagnostics'));
  p.command('probe')
    .description('read-only survey of unconfirmed addresses (GET/HEAD only)')
    .option('--out-dir <dir>', 'write one probe report per author')
    .option(
      '--bundle <file>',
      "one author's evidence for the contract (read-only, masked): product line, bundles, IMS providers and customizers, the IMS console's form, the cloud service and agents",
    )
    .action(action('probe'));
  return p;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (e) {
    const err = e as Error & { code?: string; exitCode?: number };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return;
    if (err.code?.startsWith('commander.')) {
      process.exitCode = 2;
      return;
    }
    if (e instanceof UsageError || e instanceof ConfigError) process.stderr.write(`${terminalSafe(e.message)}\n`);
    else process.stderr.write(`bpsetup: ${terminalSafe(mask(err.message))}\n`);
    process.exitCode = 2;
  }
}

if (require.main === module) void main(process.argv);
