/**
 * Parts of the page that only some visits need (a step's form, the reset, the diagnostics report)
 * are webpack chunks fetched from the clientlib's resources when first needed. A chunk that cannot
 * be fetched is explained where the part would appear, with a retry (webpack fetches a failed
 * chunk again on the next import).
 */
import { el } from './dom';
import { t } from '../i18n';
import { renderProblem } from './problem';

const pending = new Set<Promise<unknown>>();

/** Resolves once every part asked for so far has arrived (or failed): tests and timing use it. */
export async function onDemandSettled(): Promise<void> {
  while (pending.size) await Promise.allSettled([...pending]);
}

/**
 * Loads a part once: the same promise for every caller while it loads or after it arrived; after a
 * failure, `where` shows why with a retry, and the next call loads again.
 */
export function onDemand<T>(load: () => Promise<T>): (where: HTMLElement) => Promise<T> {
  let loading: Promise<T> | undefined;
  const get = (where: HTMLElement): Promise<T> => {
    if (loading) return loading;
    const attempt = load();
    loading = attempt;
    pending.add(attempt);
    attempt.then(
      () => pending.delete(attempt),
      (e: unknown) => {
        pending.delete(attempt);
        loading = undefined;
        where.textContent = '';
        where.appendChild(notLoaded(e, () => void get(where).catch(() => undefined)));
      },
    );
    return attempt;
  };
  return get;
}

function notLoaded(e: unknown, retry: () => void): HTMLElement {
  const problem = renderProblem(
    {
      title: t('Part of this page could not be loaded'),
      explanation: t('The browser could not fetch it from AEM: the connection dropped, or the session ended.'),
      fix: t('Check that AEM is reachable and you are still signed in, then try again.'),
    },
    { raw: { body: e instanceof Error ? e.message : String(e) }, onRetry: retry },
  );
  return el('div', { class: 'bpsetup-not-loaded' }, problem);
}
