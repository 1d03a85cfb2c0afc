/**
 * The project's interim addresses (contract rule 4): reads nobody has seen on a real AEM, served
 * only when the emulator runs with --interim-endpoints (demos, and tests of the full interim flow).
 * By default they are absent, so the emulator answers 404 there exactly as a real AEM 6.5 does.
 * This is the one place where the two modes differ.
 */
import { ENDPOINTS, KEYSTORE } from '../../ui.frontend/src/aem/endpoints';
import { type EmulatorContext, type Route, exactPath, route } from '../context';
import { send, sendJson, sendText } from '../http';
import { findImsConfig } from '../ims-configs';
import { certificatePem, serviceUserPath } from '../keystore';
import { checkHealth } from '../token-request';

export function interimRoutes(ctx: EmulatorContext): Route[] {
  if (!ctx.options.interimEndpoints) return [];
  return [
    route('GET', exactPath(ENDPOINTS.publicKey.path), (req, res) => {
      const alias = req.url.searchParams.get('alias') ?? '';
      const pem = alias ? certificatePem(ctx.repo, serviceUserPath(ctx.repo), alias) : undefined;
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
