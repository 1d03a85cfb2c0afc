/**
 * Loading the page's parts (ui/parts.ts) where they are needed: a part that cannot be fetched is
 * explained where it would appear, with a retry that does again what asked for it.
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
 * Loads a part once: the same promise for every caller while it loads or after it arrived. After a
 * failure `where` shows why, with a retry that runs `retry` (the caller's own action, which asks
 * again and fetches again).
 */
export function onDemand<T>(load: () => Promise<T>): (where: HTMLElement, retry: () => void) => Promise<T> {
  let loading: Promise<T> | undefined;
  return (where, retry) => {
    if (loading) return loading;
    const attempt = load();
    loading = attempt;
    pending.add(attempt);
    attempt.then(
      () => {
        pending.delete(attempt);
        where.querySelector(':scope > .bpsetup-not-loaded')?.remove(); // after a retry
      },
      (e: unknown) => {
        pending.delete(attempt);
        loading = undefined;
        where.textContent = '';
        where.appendChild(notLoaded(e, retry));
      },
    );
    return attempt;
  };
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
