/**
 * The local AEM author emulator: one HTTP server, a routing table built from one module per
 * contract area, and the two gates every AEM request passes: authentication (login page for
 * pages, 403 + X-Reason for XHR) and the CSRF filter on writes.
 */
// Node's own timers (unref), whatever global timers the host process has (a test's jsdom too).
import { setTimeout } from 'node:timers';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HTTP } from '../core/contract/aem-names';
import type { EmulatorContext, EmulatorOptions, Route } from './context';
import { HttpError, UNREACHABLE_PATH, isWrite, redirect, send, sendText, wantsHtmlPage, wrapRequest } from './http';
import { Journal } from './journal';
import { ReplicationQueues } from './replication';
import { installPackage } from './package-install';
import { seedRepository } from './seed';
import { CsrfTokens, Sessions } from './sessions';
import { Repository } from './store';
import { loginRoutes, loginPageUrl } from './routes/login';
import { csrfRoutes } from './routes/csrf';
import { clientlibRoutes } from './routes/clientlibs';
import { pageRoutes } from './routes/pages';
import { slingGetRoutes } from './routes/sling-get';
import { controlRoutes } from './routes/control';
import { imsRoutes, imsServlets } from './routes/ims';
import { imsStubRoutes } from './routes/ims-stub';
import { interimRoutes, seedInterimOverrides } from './routes/interim';
import { healthScriptRoutes } from './routes/health-script';
import { publishProofRoutes } from './routes/publish-proof';
import { rightsScriptRoutes } from './routes/rights-script';
import { settingsWritersRoutes } from './routes/settings-writers';
import { configManagerRoutes } from './routes/config-manager';
import { queryBuilderRoutes } from './routes/querybuilder';
import { csrfCheckApplies } from './csrf-filter';
import { controlRefusal } from './control-guard';
import { randomBytes, randomUUID } from 'node:crypto';
import { brandPortalRoutes } from './routes/brand-portal';
import { packmgrRoutes } from './routes/packmgr';
import { slingPostRoutes } from './routes/sling-post';
import { emptyFaults, takeRouteFault } from './faults';
import { seedDemo } from './scenarios';
import { writeClusterInstances } from './discovery';
import { IMS } from '../core/contract/aem-names';

export const DEFAULT_OPTIONS: EmulatorOptions = {
  port: 4502,
  host: '127.0.0.1',
  dataDir: null,
  reset: false,
  admin: { user: 'admin', password: 'admin' },
  users: [],
  csrfLifetimeSeconds: 600,
  productVersion: '6.5.21.0',
  runModes: ['author', 'crx3', 'crx3tar', 'nosamplecontent'],
  slingId: '',
  clusterPeers: [],
  controlRoutes: true,
  quiet: false,
  faults: false,
  agentDelayMs: 300,
  replicationDelayMs: 150,
  replicationRetryMs: 2000,
  interimEndpoints: false,
  demo: false,
  strictCsp: false,
  latencyMs: 0,
  controlSecret: '',
  hostNames: [],
};

/**
 * A write is answered once its change is on disk (group commit: one snapshot carries a burst), so
 * an acknowledged write survives a kill. A failed disk write closes the connection unanswered.
 */
function answerWhenStored(res: ServerResponse, repo: Repository): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    if (!repo.pending) return end(...args);
    repo.flushed().then(
      () => end(...args),
      () => res.destroy(),
    );
    return res;
  }) as ServerResponse['end'];
}

/**
 * Only requests addressed to this emulator by one of its names (DNS rebinding would let a web page
 * drive it under another name): loopback names, the address it listens on, and `hostNames`. Bound
 * to every interface (0.0.0.0) without `hostNames`, any name is served.
 */
function isOwnHost(header: string | undefined, options: EmulatorOptions): boolean {
  if (!header) return false;
  const name = header.replace(/:\d+$/, '').toLowerCase();
  const own = new Set(['localhost', '127.0.0.1', '[::1]', options.host.toLowerCase(), ...options.hostNames.map((h) => h.toLowerCase())]);
  if (own.has(name)) return true;
  return options.host === '0.0.0.0' && options.hostNames.length === 0;
}

export interface RunningEmulator {
  url: string;
  context: EmulatorContext;
  server: Server;
  close(): Promise<void>;
}

/** Scripts only from this origin: no inline script, no eval, nothing from elsewhere. */
export const STRICT_CSP = "script-src 'self'; object-src 'none'; base-uri 'self'";

/** The CSRF filter's log line [contract: Session, CSRF and the page itself]. */
const CSRF_REJECTED = 'the provided CSRF token is invalid';

function buildRoutes(ctx: EmulatorContext): Route[] {
  return [
    ...loginRoutes(ctx),
    ...csrfRoutes(ctx),
    ...clientlibRoutes(ctx),
    ...(ctx.options.controlRoutes ? controlRoutes(ctx) : []),
    ...imsStubRoutes(ctx),
    ...imsRoutes(ctx),
    ...healthScriptRoutes(ctx),
    ...publishProofRoutes(ctx),
    ...rightsScriptRoutes(ctx),
    ...settingsWritersRoutes(ctx),
    ...configManagerRoutes(ctx),
    ...interimRoutes(ctx),
    ...queryBuilderRoutes(ctx),
    ...brandPortalRoutes(ctx),
    ...packmgrRoutes(ctx),
    ...pageRoutes(ctx),
    // Sling's default servlets come last: they answer any repository path.
    ...slingGetRoutes(ctx),
    ...slingPostRoutes(ctx, imsServlets(ctx)),
  ];
}

function findRoute(routes: Route[], method: string, path: string): { route: Route; match: RegExpExecArray } | 'method' | undefined {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.methods.includes(method) || (method === 'HEAD' && route.methods.includes('GET'))) return { route, match };
    pathMatched = true;
  }
  return pathMatched ? 'method' : undefined;
}

export async function startEmulator(overrides: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const options: EmulatorOptions = { ...DEFAULT_OPTIONS, ...overrides };
  if (!options.controlSecret) options.controlSecret = randomBytes(18).toString('base64url');
  if (!options.slingId) options.slingId = randomUUID();
  const repoFile = options.dataDir ? join(options.dataDir, 'repository.json') : null;
  const repo = Repository.open(repoFile, seedRepository, { reset: options.reset });

  const claimedVersion = options.productVersion;
  const installStartupPackage = async () => {
    if (options.packageZip) await installPackage(repo, readFileSync(options.packageZip), { recursive: true });
    seedInterimOverrides(ctx);
    writeClusterInstances(repo, options);
  };

  const ctx: EmulatorContext = {
    options,
    repo,
    sessions: new Sessions([options.admin, ...options.users]),
    csrf: new CsrfTokens(options.csrfLifetimeSeconds),
    journal: new Journal(),
    replication: new ReplicationQueues(options.replicationDelayMs, options.replicationRetryMs),
    faults: emptyFaults(),
    baseUrl: '',
    async reset(resetOptions = {}) {
      repo.replaceAll(seedRepository());
      ctx.journal.clear();
      ctx.replication.clear();
      ctx.faults = emptyFaults();
      options.productVersion = claimedVersion;
      await installStartupPackage();
      if (options.demo && resetOptions.demo !== false) seedDemo(ctx);
    },
  };
  await installStartupPackage();
  if (options.demo) seedDemo(ctx);
  const routes = buildRoutes(ctx);

  const server = createServer((rawReq, res) => {
    const req = wrapRequest(rawReq);
    let recorded = false;
    // Recorded when answered, or when the client left first (AEM's servlet still ran to its end).
    const record = () => {
      if (recorded) return;
      recorded = true;
      // The journal holds requests to AEM: not the control routes, not the IMS stub (an outside service).
      if (req.path.startsWith('/__emulator/') || req.path.startsWith(`${IMS.emulatorStubBase}/`)) return;
      ctx.journal.record({
        method: req.method,
        path: req.path,
        query: req.url.search,
        status: res.statusCode,
        write: isWrite(req.method),
        user: req.user,
      });
    };
    res.on('finish', record);
    if (options.strictCsp) res.setHeader('Content-Security-Policy', STRICT_CSP);
    if (isWrite(req.method)) answerWhenStored(res, repo);
    void (async () => {
      if (!isOwnHost(rawReq.headers.host, options))
        return sendText(res, 421, 'Misdirected request: this emulator does not serve that host name');
      if (req.path === UNREACHABLE_PATH) return sendText(res, 404, 'Resource not found');
      const fault = options.faults && !req.path.startsWith('/__emulator/') ? takeRouteFault(ctx.faults, req.method, req.path) : undefined;
      const isAem = !req.path.startsWith('/__emulator/') && !req.path.startsWith(`${IMS.emulatorStubBase}/`);
      // Unref'd: a pending delay never keeps a stopped emulator's process alive.
      const wait = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
      if (options.latencyMs > 0 && isAem) await wait(options.latencyMs);
      if (fault?.delayMs) {
        // AEM has the whole request before it is slow: a client that gives up meanwhile does not
        // stop the servlet, which runs to its end (its answer then goes nowhere).
        if (isWrite(req.method)) await req.body().catch(() => undefined);
        await wait(fault.delayMs);
      }
      if (fault?.drop) {
        rawReq.socket.destroy();
        return;
      }
      if (fault?.status)
        return send(
          res,
          fault.status,
          fault.body ?? `Injected fault: HTTP ${fault.status}`,
          fault.contentType ?? 'text/plain;charset=utf-8',
        );
      // Gates first, routing after, as in AEM: the login and CSRF filters run before servlet resolution.
      const found = findRoute(routes, req.method, req.path);
      const flags: Pick<Route, 'anonymous' | 'csrfExempt' | 'control'> = typeof found === 'object' ? found.route : {};
      if (flags.control) {
        const refusal = controlRefusal(rawReq, options.controlSecret);
        if (refusal) return sendText(res, 403, refusal);
      }
      const token = req.cookies[HTTP.loginCookie];
      req.user = ctx.sessions.userFor(token) ?? ctx.sessions.basicUser(rawReq.headers.authorization);
      if (!flags.anonymous && !req.user) {
        if (wantsHtmlPage(req)) return redirect(res, loginPageUrl(req.path + req.url.search));
        return sendText(res, 403, 'Authentication required', { [HTTP.reasonHeader]: HTTP.authFailedReason });
      }
      const basicWithoutSession = !ctx.sessions.userFor(token) && req.user !== undefined;
      if (
        isWrite(req.method) &&
        !flags.csrfExempt &&
        req.user &&
        csrfCheckApplies({ userAgent: rawReq.headers['user-agent'], path: req.path, basicWithoutSession })
      ) {
        const header = rawReq.headers[HTTP.csrfHeader.toLowerCase()];
        const fromHeader = Array.isArray(header) ? header[0] : header;
        const fromForm = fromHeader ? undefined : (await req.body()).fields.get(HTTP.csrfFormField)?.[0];
        if (!ctx.csrf.isValid(fromHeader ?? fromForm, req.user)) {
          if (!options.quiet) console.warn(`CSRFFilter: ${CSRF_REJECTED} (${req.method} ${req.path})`);
          return sendText(res, 403, 'Forbidden');
        }
      }
      if (found === undefined) return sendText(res, 404, `Resource not found: ${req.path}`);
      if (found === 'method') return sendText(res, 405, `Method ${req.method} not allowed for ${req.path}`);
      const { route, match } = found;
      await route.handler(req, res, match);
      if (rawReq.socket.destroyed) record(); // the client left before the answer: no 'finish'
    })().catch((e: unknown) => {
      if (e instanceof HttpError) return sendText(res, e.status, e.message);
      // A bug in the emulator: answer 500 with a short message, never a stack trace.
      if (!options.quiet) console.error(`emulator: ${req.method} ${req.path} failed:`, e);
      return res.headersSent ? res.end() : sendText(res, 500, 'Internal emulator error');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  ctx.baseUrl = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  return {
    url: ctx.baseUrl,
    context: ctx,
    server,
    close: async () => {
      // No queue retry may reach for a server that is gone.
      ctx.replication.clear();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await repo.flushed().catch(() => undefined);
    },
  };
}
