/**
 * What the whole-setup check may show again instead of asking again: green results this page
 * proved moments ago. Anything not green is always asked again. Pure: no I/O.
 */
import { deriveSetupState, type SetupFacts } from './state';

/** How long the whole-setup check trusts the agent tests and Check Health the page ran. */
export const FRESH_MS = 60_000;

const isFresh = (at: string | undefined, now: number) => Boolean(at) && now - Date.parse(at as string) < FRESH_MS;

/** Every agent connected in the last minute, with an active IMS configuration: token, tenant and user are proven. */
export function agentsProvenRecently(f: SetupFacts, now = Date.now()): boolean {
  const tests = f.agentTests ?? [];
  const allGreen = tests.length > 0 && tests.length === (f.agents ?? []).length && tests.every((r) => r.succeeded);
  return Boolean(deriveSetupState(f).active && allGreen && isFresh(f.agentsTestedAt, now));
}

/** Check Health need not run again: healthy in the last minute for the active configuration, or not available here. */
export function healthSettled(f: SetupFacts, now = Date.now()): boolean {
  const active = deriveSetupState(f).active;
  return Boolean(f.healthUnavailable || (f.health?.healthy && f.health.id === active?.id && isFresh(f.healthCheckedAt, now)));
}
