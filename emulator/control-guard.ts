/**
 * The gate of the project's control routes (`/__emulator/*`: reset, faults, seeds, the IMS stub's
 * integrations): they are not AEM and need no session, so a web page the admin happens to visit
 * must not reach them. Refused: a request whose Origin or Referer names another site, and any
 * request without this run's secret.
 */
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

export const CONTROL_SECRET_HEADER = 'x-emulator-secret';

const hostOf = (value: string): string | undefined => {
  try {
    return new URL(value).host;
  } catch {
    return undefined;
  }
};

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Why the request is refused, or undefined when it may pass. */
export function controlRefusal(req: IncomingMessage, secret: string): string | undefined {
  const host = req.headers.host ?? '';
  for (const header of ['origin', 'referer'] as const) {
    const value = req.headers[header];
    // "null" is what sandboxed frames and local files send: never this emulator's own pages.
    if (typeof value === 'string' && value && hostOf(value) !== host) return `Cross-site request refused (${header}: another site)`;
  }
  // The header only: a secret in a URL ends up in logs, history and Referer headers.
  const given = (req.headers[CONTROL_SECRET_HEADER] as string | undefined) ?? '';
  if (!secret || !same(given, secret)) return "Control routes need this run's secret (header X-Emulator-Secret; npm start prints it)";
  return undefined;
}
