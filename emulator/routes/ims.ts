/**
 * AEM's IMS side [contract: Version and feature gates] [contract: IMS configurations]
 * [contract: Users and the keystore]: product info, the keystore of a user (`.ks.json`,
 * `.ks.html`) and the IMS configuration update/delete servlets (reached through our package's nodes
 * by resource type). The interim Check Health and public-key reads live in interim.ts.
 */
import { ENDPOINTS } from '../../core/contract/endpoints';
import { IMS, IMS_PARAMS, KEYSTORE, RESOURCE_TYPES } from '../../core/contract/aem-names';
import type { AuthType } from '../../core/domain/types';
import { parseVersion } from '../../core/domain/version';
import { type EmulatorContext, type EmulatorOptions, type Route, exactPath, route } from '../context';
import { HttpError, type EmulatorRequest, send, sendJson, sendText, slingHtmlResponse } from '../http';
import { deleteImsConfig, findImsConfig, type ImsServletInput, saveImsConfig } from '../ims-configs';
import { isAuthorizable } from '../authorizables';
import { addKeyEntry, createKeystore, keystoreInfo, keystoreJson, removeKeyEntry, serviceUserPath } from '../keystore';
import type { ServletMap } from './sling-post';

const F = KEYSTORE.fields;

/** `<userPath>.ks.json` / `.ks.html` on any authorizable node [contract: Users and the keystore]. */
const KEYSTORE_ADDRESS = (selector: string) => new RegExp(`^(/home/users/.+)${selector.replace(/\./g, '\\.')}$`);

function keystoreOwner(ctx: EmulatorContext, path: string): string {
  if (!isAuthorizable(ctx.repo.get(path)?.props['jcr:primaryType'])) throw new HttpError(404, `No user at ${path}`);
  return path;
}

/** The keystore servlet: `:operation=createStore`, else a key upload (`alias`, `pk`, `cert-chain`) or `removeAlias`. */
async function keystoreOperation(ctx: EmulatorContext, req: EmulatorRequest, user: string): Promise<string> {
  const body = await req.body();
  const op = (await req.param(F.operation)) ?? '';
  if (op === KEYSTORE.createStoreOperation) {
    createKeystore(ctx.repo, user, (await req.param(F.newPassword)) ?? '', (await req.param(F.rePassword)) ?? '');
    return 'Keystore created';
  }
  if (op) throw new HttpError(400, `Unknown ${F.operation}: ${op}`);
  const removeAlias = await req.param(F.removeAlias);
  if (removeAlias) {
    removeKeyEntry(ctx.repo, user, removeAlias);
    return `Alias ${removeAlias} removed`;
  }
  const pk = body.files.get(F.privateKey)?.data;
  const chain = body.files.get(F.certChain)?.data.toString('utf8') ?? (await req.param(F.certChain)) ?? '';
  const alias = (await req.param(F.alias)) ?? '';
  if (!pk || !chain || !alias)
    throw new HttpError(400, `A key upload needs ${F.alias}, the file ${F.privateKey} and the file ${F.certChain}`);
  addKeyEntry(ctx.repo, user, { alias, privateKeyDer: pk, certChainPem: chain });
  return `Key pair added under the alias ${alias}`;
}

async function readImsInput(req: EmulatorRequest, ignoreOauthFields = false): Promise<ImsServletInput> {
  const p = async (name: string) => ((await req.param(name)) ?? '').trim();
  const authType: AuthType = !ignoreOauthFields && (await p(IMS_PARAMS.authType)) === 'oauth' ? 'oauth' : 'jwt';
  const required = async (name: string) => {
    const value = await p(name);
    if (!value) throw new HttpError(400, `Missing required parameter: ${name}`);
    return value;
  };
  const input: ImsServletInput = {
    authType,
    title: await required(IMS_PARAMS.title),
    authServerUrl: (await p(IMS_PARAMS.authServerUrl)) || IMS.defaultServer,
    clientId: await required(IMS_PARAMS.apiKey),
    clientSecret: await required(IMS_PARAMS.clientSecret),
  };
  try {
    if (new URL(input.authServerUrl).protocol !== 'https:') throw new Error();
  } catch {
    throw new HttpError(400, `Invalid authorization server: ${input.authServerUrl}`);
  }
  if (ignoreOauthFields && !(await p(IMS_PARAMS.jwtClaims))) {
    // What a servlet that knows only the JWT fields keeps of an OAuth form: no grant, no scopes, no org.
    input.jwtClaims = {};
    input.keyAlias = '';
  } else if (authType === 'oauth') {
    input.orgId = await required(IMS_PARAMS.orgId);
    input.scopes = (await required(IMS_PARAMS.scope)).split(/[,\s]+/).filter(Boolean);
  } else {
    input.keyAlias =
      (await p(IMS_PARAMS.keypairAlias)) || (await p(IMS_PARAMS.newKeypairAlias)) || (await required(IMS_PARAMS.keypairAliases));
    let claims: unknown;
    try {
      claims = JSON.parse(await required(IMS_PARAMS.jwtClaims));
    } catch (e) {
      if (e instanceof HttpError) throw e;
      throw new HttpError(400, 'The JWT payload (jwtClaims) is not valid JSON');
    }
    if (!claims || typeof claims !== 'object' || Array.isArray(claims))
      throw new HttpError(400, 'The JWT payload (jwtClaims) must be a JSON object');
    input.jwtClaims = claims as Record<string, unknown>;
  }
  return input;
}

/** Servlets reached by POSTing to a node with their resource type. */
export function imsServlets(ctx: EmulatorContext): ServletMap {
  return {
    [RESOURCE_TYPES.imsUpdate]: async (req, res) => {
      const input = await readImsInput(req, ctx.faults.imsIgnoresOauthFields);
      if (
        input.authType === 'jwt' &&
        input.keyAlias &&
        !keystoreInfo(ctx.repo, serviceUserPath(ctx.repo)).aliases.some((a) => a.alias === input.keyAlias)
      ) {
        throw new HttpError(400, `No certificate with alias ${input.keyAlias} in the keystore of ${KEYSTORE.serviceUser}`);
      }
      const existing = await req.param(IMS_PARAMS.configurationId);
      if (existing && !findImsConfig(ctx.repo, existing)) throw new HttpError(404, `No IMS configuration ${existing}`);
      sendText(res, 200, saveImsConfig(ctx.repo, input, existing || undefined));
    },
    [RESOURCE_TYPES.imsDelete]: async (req, res) => {
      const ids = await req.params(IMS_PARAMS.deleteIds);
      if (!ids.length) throw new HttpError(400, `Missing required parameter: ${IMS_PARAMS.deleteIds}`);
      const missing = ids.filter((id) => !deleteImsConfig(ctx.repo, id));
      if (missing.length) throw new HttpError(404, `No IMS configuration ${missing.join(', ')}`);
      sendText(res, 200, '');
    },
  };
}

export function imsRoutes(ctx: EmulatorContext): Route[] {
  return [
    // The Felix console's printers and bundle list: administrators only, as the console is.
    route('GET', exactPath(ENDPOINTS.productInfo.path), (req, res) =>
      ctx.sessions.isAdministrator(req.user)
        ? sendJson(res, 200, productInfoLines(ctx.options.productVersion))
        : sendText(res, 403, 'Forbidden'),
    ),

    route('GET', exactPath(ENDPOINTS.bundles.path), (req, res) =>
      ctx.sessions.isAdministrator(req.user) ? sendJson(res, 200, bundleList(ctx.options)) : sendText(res, 403, 'Forbidden'),
    ),
    route('GET', exactPath(ENDPOINTS.slingSettings.path), (req, res) =>
      ctx.sessions.isAdministrator(req.user)
        ? sendJson(res, 200, [
            'Apache Sling Settings',
            '',
            `Sling ID = ${ctx.options.slingId}`,
            `Run Modes = [${ctx.options.runModes.join(', ')}]`,
          ])
        : sendText(res, 403, 'Forbidden'),
    ),

    route('GET', KEYSTORE_ADDRESS(KEYSTORE.ksJsonSelector), (_req, res, match) => {
      send(res, 200, keystoreJson(ctx.repo, keystoreOwner(ctx, match[1])), 'application/json;charset=utf-8');
    }),

    route('POST', KEYSTORE_ADDRESS(KEYSTORE.ksHtmlSelector), async (req, res, match) => {
      const user = keystoreOwner(ctx, match[1]);
      try {
        slingHtmlResponse(res, 200, await keystoreOperation(ctx, req, user), user);
      } catch (e) {
        if (e instanceof HttpError) return slingHtmlResponse(res, e.status, e.message, user);
        throw e;
      }
    }),
  ];
}

/** The Felix product-info printer's lines [contract: Users and the keystore]. */
export function productInfoLines(version: string): string[] {
  return [
    'Adobe Experience Manager',
    '',
    'Installed Products',
    `  Adobe Experience Manager (${version})`,
    '',
    'Installed Features',
    '  Adobe Experience Manager Assets',
  ];
}

/**
 * A few bundles of the line the emulator claims, as the Felix console lists them (contract section 7):
 * 6.5 LTS SP2 has Oak 1.88.0, Felix 7.0.5 and `V660` qualifiers; 6.5.21 Oak 1.22.x and `CQ650` ones.
 */
export function bundleList(options: Pick<EmulatorOptions, 'productVersion' | 'bundleLine'>): { status: string; data: unknown[] } {
  const v = parseVersion(options.productVersion);
  const lts = options.bundleLine ? options.bundleLine === 'lts' : Boolean(v && v[0] === 6 && v[1] >= 6);
  const bundle = (id: number, symbolicName: string, version: string) => ({
    id,
    name: symbolicName,
    symbolicName,
    version,
    state: 'Active',
  });
  const data = lts
    ? [
        bundle(0, 'org.apache.felix.framework', '7.0.5'),
        bundle(1, 'org.apache.jackrabbit.oak-core', '1.88.0'),
        bundle(2, 'com.adobe.granite.auth.oauth', '1.12.0.V660'),
      ]
    : [
        bundle(0, 'org.apache.felix.framework', '6.0.5'),
        bundle(1, 'org.apache.jackrabbit.oak-core', '1.22.20'),
        bundle(2, 'com.adobe.granite.auth.oauth', '1.10.32.CQ650-B0001'),
      ];
  return { status: `Bundle information: ${data.length} bundles in total - all ${data.length} bundles active.`, data };
}
