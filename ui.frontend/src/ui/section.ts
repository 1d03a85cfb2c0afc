/**
 * A step as one folded line: number, title, status and where it stands, opened on demand to show
 * its panel. A native <details>: it opens from the keyboard, from a link to its id (see
 * followSectionLinks) and without any script, and its summary line is there before its panel is
 * built.
 */
import type { StepId, StepState } from '../../../core/domain/types';
import { el } from './dom';
import { t } from '../../../core/i18n';
import { stepStatusLight } from './step-status';

export interface Section {
  root: HTMLDetailsElement;
  body: HTMLElement;
  setState(state: StepState | undefined): void;
  /** Unfolds the step (an action elsewhere leads here, or the admin followed its link). */
  open(): void;
}

export const sectionId = (id: StepId): string => `bpsetup-step-${id}`;

export function createSection(id: StepId, number: number, title: string): Section {
  const status = el('span', { class: 'bpsetup-step-status' });
  const summary = el('span', { class: 'bpsetup-step-summary' });
  const body = el('div', { class: 'bpsetup-section-body' });
  const link = el('a', { class: 'bpsetup-section-link', href: `#${sectionId(id)}` }, t('Link to this step'));
  const root = el(
    'details',
    { class: 'bpsetup-section bpsetup-step', id: sectionId(id), 'data-step': id, 'data-status': 'unknown' },
    el(
      'summary',
      { class: 'bpsetup-section-line' },
      el('span', { class: 'bpsetup-step-number', 'aria-hidden': 'true' }, String(number)),
      el('h3', { class: 'bpsetup-section-title coral-Heading coral-Heading--5', id: `${sectionId(id)}-title` }, title),
      summary,
      status,
    ),
    body,
    el('p', { class: 'bpsetup-section-link-line' }, link),
  ) as HTMLDetailsElement;
  return {
    root,
    body,
    setState(state) {
      root.dataset.status = state?.status ?? 'unknown';
      summary.textContent = state?.summary ?? '';
      status.textContent = '';
      if (state) status.appendChild(stepStatusLight(state.status));
    },
    open() {
      root.open = true;
    },
  };
}

/**
 * Opens the section a link or the address names (setup.html#bpsetup-step-health), now and on
 * every later hash change, and brings it into view.
 */
export function followSectionLinks(scope: HTMLElement): void {
  const follow = () => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (!target || !scope.contains(target)) return;
    const details = target.closest('details');
    if (details) details.open = true;
    target.scrollIntoView?.({ block: 'start' });
  };
  window.addEventListener('hashchange', follow);
  follow();
}
