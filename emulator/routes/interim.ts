/**
 * The --interim-endpoints mode [contract: Rules the code follows], the one place where the emulator's two modes
 * differ: it is what an administrator would do on a real AEM once `npm run probe` found an
 * address nobody has published. At start (and after every reset) it writes the override into the
 * page's settings node, and serves that address. By default neither happens: the emulator then
 * has nothing there, exactly as a real AEM 6.5, and the page does not ask.
 */
import { ENDPOINTS } from '../../core/contract/endpoints';
import { KEYSTORE } from '../../core/contract/aem-names';
import { type EmulatorContext, type Route, exactPath, route } from '../context';
import { send, sendText } from '../http';
import { certificatePem, serviceUserPath } from '../keystore';

/** The overrides the mode seeds: endpoint name → the address this emulator serves for it. */
export const INTERIM_OVERRIDES = { publicKey: ENDPOINTS.publicKey.defaultPath } as const;

/** Writes the mode's overrides into the settings node the package installed (as the probe's curl would). */
export function seedInterimOverrides(ctx: EmulatorContext): void {
  if (!ctx.options.interimEndpoints) return;
  ctx.repo.change((tx) => tx.setProps(`${ENDPOINTS.settings.defaultPath}/endpoints`, { ...INTERIM_OVERRIDES }));
}

export function interimRoutes(ctx: EmulatorContext): Route[] {
  if (!ctx.options.interimEndpoints) return [];
  return [
    route('GET', exactPath(INTERIM_OVERRIDES.publicKey), (req, res) => {
      const alias = req.url.searchParams.get('alias') ?? '';
      const pem = alias ? certificatePem(ctx.repo, serviceUserPath(ctx.repo), alias) : undefined;
      if (!pem) return sendText(res, 404, `No certificate with alias ${alias || '(none)'}`);
      send(res, 200, pem, 'application/x-x509-ca-cert', { 'Content-Disposition': `attachment; filename="${KEYSTORE.publicKeyFileName}"` });
    }),
  ];
}
