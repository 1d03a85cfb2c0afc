/**
 * The Adobe IMS stub on HTTP, under /__ims [contract: Adobe IMS (emulated only)]: `/ims/exchange/jwt` (with or without
 * a trailing slash, urlencoded or multipart) and `/ims/token/v3` (form or query). Anonymous and
 * CSRF-free: it stands for an outside service, not for AEM.
 */
import { IMS } from '../../core/contract/aem-names';
import { type EmulatorContext, type Route, route } from '../context';
import type { EmulatorRequest } from '../http';
import { sendJson } from '../http';
import { type ImsAnswer, clientCredentials, exchangeJwt, imsError } from '../ims-stub';

const base = IMS.emulatorStubBase.replace(/\//g, '\\/');

function forced(ctx: EmulatorContext): ImsAnswer | undefined {
  const code = ctx.faults.ims;
  if (!code) return undefined;
  return imsError(code === 'invalid_client' ? 401 : 400, code, `Injected fault: ${code}`);
}

async function field(req: EmulatorRequest, name: string): Promise<string | undefined> {
  return (await req.param(name)) ?? undefined;
}

export function imsStubRoutes(ctx: EmulatorContext): Route[] {
  const open = { anonymous: true, csrfExempt: true };
  // The stub's base as this client reached it (localhost, 127.0.0.1, a LAN name) and as the emulator knows itself.
  const stubBases = (req: EmulatorRequest) =>
    [...new Set([req.raw.headers.host ? `http://${req.raw.headers.host}` : '', ctx.baseUrl].filter(Boolean))].map(
      (b) => `${b}${IMS.emulatorStubBase}`,
    );
  return [
    route(
      'POST',
      new RegExp(`^${base}${IMS.jwtExchangePath.replace(/\//g, '\\/')}\\/?$`),
      async (req, res) => {
        const answer =
          forced(ctx) ??
          exchangeJwt(
            ctx.repo,
            {
              client_id: await field(req, 'client_id'),
              client_secret: await field(req, 'client_secret'),
              jwt_token: await field(req, 'jwt_token'),
            },
            stubBases(req),
          );
        sendJson(res, answer.status, answer.body);
      },
      open,
    ),

    route(
      'POST',
      new RegExp(`^${base}${IMS.tokenV3Path.replace(/\//g, '\\/')}\\/?$`),
      async (req, res) => {
        const answer =
          forced(ctx) ??
          clientCredentials(ctx.repo, {
            grant_type: await field(req, 'grant_type'),
            client_id: await field(req, 'client_id'),
            client_secret: await field(req, 'client_secret'),
            scope: await field(req, 'scope'),
          });
        sendJson(res, answer.status, answer.body);
      },
      open,
    ),
  ];
}
