/**
 * Loading the page's parts (ui/parts.ts) where they are needed: a part that cannot be fetched is
 * explained where it would appear, with a retry that does again what asked for it.
 */
import { el } from './dom';
import { t } from '../../../core/i18n';
import { renderProblem } from './problem';
import { unfold } from './section';

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
        unfold(where); // a failure is never left folded away: the step it happened in opens
      },
    );
    return attempt;
  };
}

/** A component a part builds, made once into its box the first time it is opened. */
export interface PartComponent<C> {
  /** The component, once built. */
  readonly current: C | undefined;
  /**
   * Fetches the part and builds the component, once: for an admin's action (Edit, Try again).
   * A failed fetch is explained in the box, with a retry; the promise then gives undefined.
   */
  open(): Promise<C | undefined>;
  /**
   * The same when the page alone wants the component (a re-render), except after a failed fetch:
   * then only the admin's retry or action fetches again, so a page re-rendering while AEM is
   * unreachable does not ask again and again.
   */
  want(): void;
}

/**
 * `load` is the part's `onDemand` loader, `build` makes the component from the part, and `built`
 * runs once it is in the box (the step shows it as the page stands).
 */
export function partComponent<P, C extends { element: HTMLElement }>(
  load: (where: HTMLElement, retry: () => void) => Promise<P>,
  box: HTMLElement,
  build: (part: P) => C,
  built: () => void,
): PartComponent<C> {
  let current: C | undefined;
  let failed = false;
  const open = async (): Promise<C | undefined> => {
    if (current) return current;
    const part = await load(box, () => void open()).catch(() => undefined);
    failed = part === undefined;
    if (part === undefined) return undefined;
    if (!current) {
      current = build(part);
      box.textContent = '';
      box.appendChild(current.element);
      built();
    }
    return current;
  };
  return {
    get current() {
      return current;
    },
    open,
    want: () => {
      if (!failed) void open();
    },
  };
}

function notLoaded(e: unknown, retry: () => void): HTMLElement {
  const problem = renderProblem(
    {
      title: t('This could not be shown'),
      explanation: t('The browser could not get it from AEM: the connection dropped, or your session ended.'),
      fix: t('Check that AEM is reachable and you are still signed in, then try again.'),
    },
    { raw: { body: e instanceof Error ? e.message : String(e) }, onRetry: retry },
  );
  return el('div', { class: 'bpsetup-not-loaded' }, problem);
}
