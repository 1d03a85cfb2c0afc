/**
 * The package's compiled JSPs (Apache Jasper, as AEM 6.5 compiles them) running in an embedded
 * Tomcat 9 (test/jsp/harness), with access-token providers that make real client-credentials
 * requests, a small repository with access control, and replication agents with queues. Built by
 * scripts/build-jsp.js; started on a free loopback port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildJsp, SHORT_LIVED_JVM } = require('../../scripts/build-jsp.js') as { buildJsp: () => string; SHORT_LIVED_JVM: string[] };

export interface HarnessProvider {
  name: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

export interface HarnessUser {
  id: string;
  password: string;
  admin: boolean;
}

/** What the harness's repository and replication start with. */
export interface HarnessContent {
  nodes?: string[];
  grants?: { user: string; path: string; privileges: string[] }[];
  /** Access-list entries, per node in order, as getEffectivePolicies lists them (kind none: no such authorizable). */
  aces?: { path: string; principal: string; kind: 'user' | 'group' | 'none'; allow: boolean; privileges: string[] }[];
  unknownPrivileges?: string[];
  agents?: string[];
}

/** GET /__harness/state: the repository's paths, the agents' queues, every replication asked for. */
export interface HarnessState {
  paths: string[];
  queues: Record<string, { path: string; type: string }[]>;
  replicated: { type: string; path: string; agents: string[] }[];
  /** Original renditions AEM's DAM Update Asset launcher would have started a workflow on. */
  workflows: string[];
}

export interface RunningHarness {
  url: string;
  state(): Promise<HarnessState>;
  /** Every queue delivers what it holds. */
  deliver(): Promise<void>;
  /** Every activation from now on throws this ReplicationException (undefined: none). */
  refuse(message: string | undefined): Promise<void>;
  /** Adds a node (and its ancestors) to the harness's repository, as an earlier run would have left it. */
  add(path: string): Promise<void>;
  close(): Promise<void>;
}

export async function startJspHarness(
  users: HarnessUser[],
  providers: HarnessProvider[],
  content: HarnessContent = {},
): Promise<RunningHarness> {
  const classpath = buildJsp();
  const dir = tempDir('jsp-harness');
  const config = join(dir, 'harness.tsv');
  const line = (fields: string[]) => fields.join('\t');
  writeFileSync(
    config,
    [
      ...users.map((u) => line(['user', u.id, u.password, u.admin ? 'admin' : 'user'])),
      ...providers.map((p) => line(['provider', p.name, p.tokenUrl, p.clientId, p.clientSecret, p.scope])),
      ...(content.nodes ?? []).map((n) => line(['node', n])),
      ...(content.grants ?? []).map((g) => line(['grant', g.user, g.path, g.privileges.join(',')])),
      ...(content.unknownPrivileges ?? []).map((p) => line(['unknown-privilege', p])),
      ...(content.aces ?? []).map((a) => line(['ace', a.path, a.principal, a.kind, a.allow ? 'allow' : 'deny', a.privileges.join(',')])),
      ...(content.agents ?? []).map((a) => line(['agent', a])),
    ].join('\n'),
  );
  const child: ChildProcess = spawn('java', [...SHORT_LIVED_JVM, '-cp', classpath, 'ScriptHarness', config, dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`JSP harness did not start:\n${stderr}`)), 20000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /HARNESS_PORT=(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`JSP harness exited (${code}):\n${stderr}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const control = async (path: string, body?: URLSearchParams) => {
    const res = await fetch(`${url}/__harness/${path}`, { method: body ? 'POST' : 'GET', body });
    if (!res.ok) throw new Error(`harness ${path}: ${res.status}`);
    return res;
  };
  return {
    url,
    state: async () => (await (await control('state')).json()) as HarnessState,
    deliver: async () => void (await control('deliver', new URLSearchParams())),
    refuse: async (message) => void (await control('refuse', new URLSearchParams(message === undefined ? {} : { message }))),
    add: async (path) => void (await control('add', new URLSearchParams({ path }))),
    // Killed, then its folder (the configuration and Tomcat's work) removed: nothing is left behind.
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }).then(() => rmSync(dir, { recursive: true, force: true })),
  };
}
