/**
 * What every route of the emulator shares: options, the repository, sessions, CSRF tokens and
 * the request journal. Routes are plain data (method, path pattern, handler) grouped per contract
 * area in emulator/routes.
 */
import type { ServerResponse } from 'node:http';
import type { EmulatorRequest } from './http';
import type { FaultState } from './faults';
import type { Journal } from './journal';
import type { CsrfTokens, Credentials, Sessions } from './sessions';
import type { Repository } from './store';
import type { ReplicationQueues } from './replication';

export interface EmulatorOptions {
  port: number;
  host: string;
  /** Folder of the file-backed repository; null keeps it in memory (tests). */
  dataDir: string | null;
  reset: boolean;
  admin: Credentials;
  /** Further accounts, none of them in `administrators` (an author, a CI reader). */
  users: Credentials[];
  csrfLifetimeSeconds: number;
  /** Content package to install at start-up, as Package Manager would. */
  packageZip?: string;
  /** AEM version the emulator claims [contract: Version and feature gates]. */
  productVersion: string;
  /**
   * Which line its bundles are (Oak, Felix, qualifiers): `lts` for 6.5 LTS, `classic` for 6.5; by
   * default the product version's (6.6.x and a line saying LTS are LTS).
   */
  bundleLine?: 'classic' | 'lts';
  /** Sling run modes (Sling's settings printer): `publish` makes it answer as a publish instance there. */
  runModes: string[];
  /** This instance's Sling ID (Sling's settings printer; Oak discovery's node for it). New for every start unless given. */
  slingId: string;
  /** Sling IDs of the other instances of its cluster, as Oak discovery lists them in the shared repository. */
  clusterPeers: string[];
  /** /__emulator control routes (reset, journal); local use and tests only. */
  controlRoutes: boolean;
  /** Quiet start-up (tests). */
  quiet: boolean;
  /** Fault injection through /__emulator/faults (tests, demos). Off by default. */
  faults: boolean;
  /** How long after a cloud-service save the four replication agents appear. */
  agentDelayMs: number;
  /** How long an agent takes to deliver its head item, and to retry it after a refusal. */
  replicationDelayMs: number;
  replicationRetryMs: number;
  /**
   * Serve the project's interim addresses [contract: Rules the code follows] that a real AEM answers with 404.
   * Off by default: the emulator then answers only what public evidence shows AEM answers.
   */
  interimEndpoints: boolean;
  /** Seed the demo Developer Console credential and tenant `npm start` prints (again after every reset). */
  demo: boolean;
  /**
   * The per-run secret every /__emulator control request must carry (header X-Emulator-Secret, or
   * `secret` in the query of the developer-console page). Random unless given.
   */
  controlSecret: string;
  /** Send a strict Content-Security-Policy (script-src 'self': no inline script, no eval) with every answer. */
  strictCsp: boolean;
  /** Every AEM request waits this long first: the network and server time of a real author (benchmarks). */
  latencyMs: number;
  /** Host names besides loopback and the listening address that requests may be addressed to. */
  hostNames: string[];
}

export interface EmulatorContext {
  options: EmulatorOptions;
  repo: Repository;
  sessions: Sessions;
  csrf: CsrfTokens;
  journal: Journal;
  /** The agents' queues of what the emulator itself replicates (the test publish). */
  replication: ReplicationQueues;
  /** Injected faults; always empty unless options.faults. */
  faults: FaultState;
  /** Base URL the server listens on, e.g. http://127.0.0.1:4502 (known once listening). */
  baseUrl: string;
  /**
   * Puts the repository back to a fresh seed (and reinstalls the start-up package); with
   * `options.demo`, the demo credential and tenant come back too unless `demo: false`.
   */
  reset(options?: { demo?: boolean }): Promise<void>;
}

export type Handler = (req: EmulatorRequest, res: ServerResponse, match: RegExpExecArray) => void | Promise<void>;

export interface Route {
  methods: readonly string[];
  pattern: RegExp;
  handler: Handler;
  /** Reachable without a session (login page, clientlibs, IMS stub, control routes). */
  anonymous?: boolean;
  /** Writes that carry no CSRF token by design (the login form, the IMS stub, control routes). */
  csrfExempt?: boolean;
  /** A project-owned control route: same-site requests with the per-run secret only. */
  control?: boolean;
}

export const route = (
  methods: string | readonly string[],
  pattern: RegExp,
  handler: Handler,
  flags: Pick<Route, 'anonymous' | 'csrfExempt' | 'control'> = {},
): Route => ({
  methods: typeof methods === 'string' ? [methods] : methods,
  pattern,
  handler,
  ...flags,
});

/** A pattern matching exactly one literal path. */
export const exactPath = (path: string): RegExp => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
