/**
 * Project-owned control routes under /__emulator (contract 3.1): reset and the request journal.
 * Local use and tests only; no session needed, no CSRF (they are not AEM).
 */
import { type EmulatorContext, type Route, route } from '../context';
import { sendJson } from '../http';

export function controlRoutes(ctx: EmulatorContext): Route[] {
  const open = { anonymous: true, csrfExempt: true };
  return [
    route('POST', /^\/__emulator\/reset$/, async (_req, res) => {
      await ctx.reset();
      sendJson(res, 200, { reset: true });
    }, open),
    route('GET', /^\/__emulator\/requests$/, (req, res) => {
      sendJson(res, 200, { lastSeq: ctx.journal.lastSeq, requests: ctx.journal.list(Number(req.url.searchParams.get('since') ?? 0)) });
    }, open),
    route('DELETE', /^\/__emulator\/requests$/, (_req, res) => {
      ctx.journal.clear();
      sendJson(res, 200, { cleared: true });
    }, open),
  ];
}
