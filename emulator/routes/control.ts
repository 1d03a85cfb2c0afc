/**
 * Project-owned control routes under /__emulator [contract: The emulator's control routes, journal and faults]: reset, the request journal,
 * the IMS stub's integrations ("Developer Console"), the Brand Portal stub's tenants, and — only
 * when the emulator runs with faults enabled — fault injection and scenario seeds.
 * Local use and tests only; no session, no CSRF (they are not AEM).
 */
import { ENDPOINTS } from '../../core/contract/endpoints';
import { AGENTS } from '../../core/contract/aem-names';
import { recertify } from '../../core/domain/certificate-factory';
import { registerTenant, TENANTS } from '../brand-portal';
import { type EmulatorContext, type Route, route } from '../context';
import { type FaultState, emptyFaults } from '../faults';
import { HttpError, type EmulatorRequest, send, sendHtml, sendJson } from '../http';
import { createJwtCredential, listIntegrations, registerIntegration, removeIntegration } from '../ims-stub';
import { developerConsolePage, developerConsoleScript } from '../render/developer-console';
import { privateKeyFor, replaceCertificate, serviceUserPath } from '../keystore';
import { applyScenario } from '../scenarios';

/** No AEM session or CSRF token (they are not AEM), but the per-run secret and same-site only. */
const open = { anonymous: true, csrfExempt: true, control: true };

async function jsonBody(req: EmulatorRequest): Promise<Record<string, unknown>> {
  const json = (await req.body()).json;
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new HttpError(400, 'Expected a JSON object body');
  return json as Record<string, unknown>;
}

interface FaultRequest extends Partial<FaultState> {
  expireSessions?: boolean;
  expireCsrfTokens?: boolean;
  version?: string;
  agent?: { name?: string; enabled?: boolean; closeConnection?: boolean };
  certificate?: { alias: string; state: 'expired' | 'expiring' };
}

function applyFaults(ctx: EmulatorContext, body: FaultRequest): void {
  if (body.routes) ctx.faults.routes.push(...body.routes);
  if (body.ims !== undefined) ctx.faults.ims = body.ims;
  if (body.agentsNotCreated !== undefined) ctx.faults.agentsNotCreated = body.agentsNotCreated;
  if (body.csrf !== undefined) ctx.faults.csrf = body.csrf;
  if (body.testConnection !== undefined) ctx.faults.testConnection = body.testConnection;
  if (body.queue !== undefined) ctx.faults.queue = body.queue;
  if (body.tenantRefuses !== undefined) ctx.faults.tenantRefuses = body.tenantRefuses;
  if (body.replicatorRefuses !== undefined) ctx.faults.replicatorRefuses = body.replicatorRefuses;
  if (body.servletsUnbound !== undefined) ctx.faults.servletsUnbound = body.servletsUnbound;
  if (body.imsIgnoresOauthFields !== undefined) ctx.faults.imsIgnoresOauthFields = body.imsIgnoresOauthFields;
  if (body.expireSessions) ctx.sessions.expireAll();
  if (body.expireCsrfTokens) ctx.csrf.expireIssued();
  if (body.version) ctx.options.productVersion = body.version;
  if (body.agent) {
    const { name, enabled, closeConnection } = body.agent;
    const root = ENDPOINTS.agentsRoot.path;
    const agents = Object.keys(ctx.repo.get(root)?.children ?? {}).filter((n) => n.startsWith(AGENTS.namePrefix) && (!name || n === name));
    if (!agents.length) throw new HttpError(404, `No Brand Portal agent ${name ?? ''}`.trim());
    ctx.repo.change((tx) => {
      for (const a of agents) {
        tx.setProps(`${root}/${a}/jcr:content`, {
          ...(enabled === undefined ? {} : { [AGENTS.props.enabled]: enabled }),
          ...(closeConnection === undefined ? {} : { [AGENTS.props.closeConnection]: closeConnection }),
        });
      }
    });
  }
  if (body.certificate) {
    const user = serviceUserPath(ctx.repo);
    const key = privateKeyFor(ctx.repo, user, body.certificate.alias);
    if (!key) throw new HttpError(404, `No key under the alias ${body.certificate.alias}`);
    const day = 86400000;
    const expired = body.certificate.state === 'expired';
    const pem = recertify(key.export({ type: 'pkcs8', format: 'pem' }).toString(), {
      commonName: 'Adobe Brand Portal',
      notBefore: new Date(Date.now() - (expired ? 400 : 355) * day),
      days: 365,
    });
    replaceCertificate(ctx.repo, user, body.certificate.alias, pem);
  }
}

export function controlRoutes(ctx: EmulatorContext): Route[] {
  const faultsOn = () => {
    if (!ctx.options.faults)
      throw new HttpError(403, 'Fault injection is off: start the emulator with --faults (or BPSETUP_EMULATOR_FAULTS=1)');
  };
  return [
    route(
      'POST',
      /^\/__emulator\/reset$/,
      async (req, res) => {
        // The demo credential and tenant come back unless asked not to (?demo=false or {"demo":false}).
        const body = (await req.body()).json as { demo?: unknown } | undefined;
        await ctx.reset({ demo: req.url.searchParams.get('demo') !== 'false' && body?.demo !== false });
        sendJson(res, 200, { reset: true });
      },
      open,
    ),

    route(
      'GET',
      /^\/__emulator\/requests$/,
      (req, res) => {
        sendJson(res, 200, { lastSeq: ctx.journal.lastSeq, requests: ctx.journal.list(Number(req.url.searchParams.get('since') ?? 0)) });
      },
      open,
    ),
    route(
      'DELETE',
      /^\/__emulator\/requests$/,
      (_req, res) => {
        ctx.journal.clear();
        sendJson(res, 200, { cleared: true });
      },
      open,
    ),

    route(
      'GET',
      /^\/__emulator\/ims\/integrations$/,
      (_req, res) => sendJson(res, 200, { integrations: listIntegrations(ctx.repo) }),
      open,
    ),
    route(
      'POST',
      /^\/__emulator\/ims\/integrations$/,
      async (req, res) => sendJson(res, 201, registerIntegration(ctx.repo, await jsonBody(req))),
      open,
    ),
    // "Developer Console": upload a public certificate, get a JWT credential (secret shown once).
    route(
      'POST',
      /^\/__emulator\/ims\/jwt-credentials$/,
      async (req, res) => {
        const pem = String((await jsonBody(req)).certificatePem ?? '');
        if (!pem.includes('BEGIN CERTIFICATE')) throw new HttpError(400, 'certificatePem must be a PEM certificate (AEM-Adobe-IMS.crt)');
        const credential = createJwtCredential(ctx.repo, pem);
        delete credential.certificatePem;
        sendJson(res, 201, credential);
      },
      open,
    ),
    route('GET', /^\/__emulator\/developer-console\.html$/, (_req, res) => sendHtml(res, 200, developerConsolePage()), open),
    // Static and harmless: no secret needed (the page's own requests carry it).
    route(
      'GET',
      /^\/__emulator\/developer-console\.js$/,
      (_req, res) => send(res, 200, developerConsoleScript, 'application/javascript;charset=utf-8'),
      { anonymous: true },
    ),
    route(
      'DELETE',
      /^\/__emulator\/ims\/integrations\/([^/]+)$/,
      (_req, res, m) => {
        if (!removeIntegration(ctx.repo, m[1])) throw new HttpError(404, `No integration ${m[1]}`);
        sendJson(res, 200, { deleted: m[1] });
      },
      open,
    ),

    route(
      'GET',
      /^\/__emulator\/brandportal\/tenants$/,
      (_req, res) => {
        const tenants = Object.entries(ctx.repo.get(TENANTS)?.children ?? {}).map(([tenant, n]) => ({ tenant, url: n.props.url }));
        sendJson(res, 200, { tenants });
      },
      open,
    ),
    route(
      'POST',
      /^\/__emulator\/brandportal\/tenants$/,
      async (req, res) => {
        const body = await jsonBody(req);
        sendJson(res, 201, { tenant: registerTenant(ctx.repo, String(body.tenantUrl ?? '')) });
      },
      open,
    ),

    route(
      'GET',
      /^\/__emulator\/faults$/,
      (_req, res) => {
        faultsOn();
        sendJson(res, 200, ctx.faults);
      },
      open,
    ),
    route(
      'POST',
      /^\/__emulator\/faults$/,
      async (req, res) => {
        faultsOn();
        applyFaults(ctx, (await jsonBody(req)) as FaultRequest);
        sendJson(res, 200, ctx.faults);
      },
      open,
    ),
    route(
      'DELETE',
      /^\/__emulator\/faults$/,
      (_req, res) => {
        faultsOn();
        ctx.faults = emptyFaults();
        sendJson(res, 200, ctx.faults);
      },
      open,
    ),

    route(
      'POST',
      /^\/__emulator\/seed$/,
      async (req, res) => {
        faultsOn();
        sendJson(res, 200, applyScenario(ctx, String((await jsonBody(req)).scenario ?? '')));
      },
      open,
    ),
  ];
}
