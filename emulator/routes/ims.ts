/**
 * AEM's IMS side (contract 2.3–2.9): product info, the Brand Portal IMS service user's keystore
 * (`.ks.json`, `.ks.html`), the public certificate download, the IMS configuration update/delete
 * servlets (reached through our package's nodes by resource type) and the interim Check Health.
 */
import { ENDPOINTS, IMS, IMS_PARAMS, KEYSTORE, RESOURCE_TYPES } from '../../ui.frontend/src/aem/endpoints';
import { createCertificate } from '../../ui.frontend/src/domain/certificate-factory';
import type { AuthType } from '../../ui.frontend/src/domain/types';
import { type EmulatorContext, type Route, exactPath, route } from '../context';
import { HttpError, type EmulatorRequest, send, sendJson, sendText, slingHtmlResponse } from '../http';
import { deleteImsConfig, findImsConfig, type ImsServletInput, saveImsConfig } from '../ims-configs';
import { addKeyEntry, certificatePem, createKeystore, keystoreInfo, removeKeyEntry } from '../keystore';
import { checkHealth } from '../token-request';
import type { ServletMap } from './sling-post';

const USER = ENDPOINTS.keystoreUserPath.path;
const F = KEYSTORE.fields;

async function fileOrField(req: EmulatorRequest, name: string): Promise<string> {
  const body = await req.body();
  return body.files.get(name)?.data.toString('utf8') ?? body.fields.get(name)?.[0] ?? '';
}

async function keystoreOperation(ctx: EmulatorContext, req: EmulatorRequest): Promise<string> {
  const op = (await req.param(F.operation)) ?? '';
  const password = await req.param(F.keyStorePass);
  const ops = KEYSTORE.operations;
  switch (op) {
    case ops.createStore:
      createKeystore(ctx.repo, USER, (await req.param(F.newPassword)) ?? '', (await req.param(F.rePassword)) ?? '');
      return 'Keystore created';
    case ops.addKey: {
      const alias = (await req.param(F.newAlias)) ?? (await req.param(F.alias)) ?? '';
      addKeyEntry(ctx.repo, USER, { alias, password, privateKeyPem: await fileOrField(req, F.privateKey), certChainPem: await fileOrField(req, F.certChain) });
      return `Key pair added under the alias ${alias}`;
    }
    case ops.generateKey: {
      // "Create certificate" (Route A): the server makes the key pair; only the certificate comes back.
      const alias = (await req.param(F.newAlias)) ?? '';
      const generated = await createCertificate({ commonName: 'Adobe Brand Portal' });
      addKeyEntry(ctx.repo, USER, { alias, password, privateKeyPem: generated.privateKeyPem, certChainPem: generated.certificatePem });
      return `Certificate created under the alias ${alias}`;
    }
    case ops.removeKey: {
      const alias = (await req.param(F.removeAlias)) ?? '';
      removeKeyEntry(ctx.repo, USER, alias, password);
      return `Alias ${alias} removed`;
    }
    default:
      throw new HttpError(400, `Unknown ${F.operation}: ${op || '(none)'}`);
  }
}

async function readImsInput(req: EmulatorRequest): Promise<ImsServletInput> {
  const p = async (name: string) => ((await req.param(name)) ?? '').trim();
  const authType: AuthType = (await p(IMS_PARAMS.authType)) === 'oauth' ? 'oauth' : 'jwt';
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
  if (authType === 'oauth') {
    input.orgId = await required(IMS_PARAMS.orgId);
    input.scopes = (await required(IMS_PARAMS.scope)).split(/[,\s]+/).filter(Boolean);
  } else {
    input.keyAlias = (await p(IMS_PARAMS.keypairAlias)) || (await p(IMS_PARAMS.newKeypairAlias)) || (await required(IMS_PARAMS.keypairAliases));
    let claims: unknown;
    try {
      claims = JSON.parse(await required(IMS_PARAMS.jwtClaims));
    } catch (e) {
      if (e instanceof HttpError) throw e;
      throw new HttpError(400, 'The JWT payload (jwtClaims) is not valid JSON');
    }
    if (!claims || typeof claims !== 'object' || Array.isArray(claims)) throw new HttpError(400, 'The JWT payload (jwtClaims) must be a JSON object');
    input.jwtClaims = claims as Record<string, unknown>;
  }
  return input;
}

/** Servlets reached by POSTing to a node with their resource type. */
export function imsServlets(ctx: EmulatorContext): ServletMap {
  return {
    [RESOURCE_TYPES.imsUpdate]: async (req, res) => {
      const input = await readImsInput(req);
      if (input.authType === 'jwt' && input.keyAlias && !keystoreInfo(ctx.repo, USER).aliases.some((a) => a.alias === input.keyAlias)) {
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
    route('GET', exactPath(ENDPOINTS.productInfo.path), (_req, res) => sendJson(res, 200, { version: ctx.options.productVersion })),

    route('GET', exactPath(`${USER}${KEYSTORE.ksJsonSelector}`), (_req, res) => sendJson(res, 200, keystoreInfo(ctx.repo, USER))),

    route('POST', exactPath(`${USER}${KEYSTORE.ksHtmlSelector}`), async (req, res) => {
      try {
        const message = await keystoreOperation(ctx, req);
        slingHtmlResponse(res, 200, message, USER);
      } catch (e) {
        if (e instanceof HttpError) return slingHtmlResponse(res, e.status, e.message, USER);
        throw e;
      }
    }),

    route('GET', exactPath(ENDPOINTS.publicKey.path), (req, res) => {
      const alias = req.url.searchParams.get('alias') ?? '';
      const pem = alias ? certificatePem(ctx.repo, USER, alias) : undefined;
      if (!pem) return sendText(res, 404, `No certificate with alias ${alias || '(none)'}`);
      send(res, 200, pem, 'application/x-x509-ca-cert', { 'Content-Disposition': `attachment; filename="${KEYSTORE.publicKeyFileName}"` });
    }),

    route('GET', exactPath(ENDPOINTS.checkHealth.path), async (req, res) => {
      const id = req.url.searchParams.get('id') ?? '';
      if (!id) return sendJson(res, 400, { error: 'Missing parameter id' });
      const config = findImsConfig(ctx.repo, id);
      if (!config) return sendJson(res, 404, { error: `No IMS configuration ${id}` });
      sendJson(res, 200, await checkHealth(ctx, config));
    }),
  ];
}
