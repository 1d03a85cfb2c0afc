/**
 * A step as one folded line (number, title, where it stands, its status), opened on demand to
 * show its panel: an item of the steps' Coral accordion, AEM's own disclosure. Each step has a
 * link of its own (followSectionLinks), and a reload keeps the steps the admin had open.
 */
import type { StepId, StepState } from '../../../core/domain/types';
import { type CoralAccordionItem, accordion, accordionItem } from './coral';
import { el } from './dom';
import { t } from '../../../core/i18n';
import { stepStatusLight } from './step-status';

export interface Section {
  root: CoralAccordionItem;
  body: HTMLElement;
  setState(state: StepState | undefined): void;
  /** Unfolds the step (an action elsewhere leads here, or the admin followed its link). */
  open(): void;
  readonly isOpen: boolean;
  /** Runs when the step is opened or closed. */
  onToggle(run: () => void): void;
}

const sectionId = (id: StepId): string => `bpsetup-step-${id}`;

/** Coral's own event when an item opens or closes (it bubbles to the accordion). */
const TOGGLED = 'coral-accordion-item:_selectedchanged';

export function createSection(id: StepId, number: number, title: string): Section {
  const status = el('span', { class: 'bpsetup-step-status' });
  const summary = el('span', { class: 'bpsetup-step-summary' });
  const body = el('div', { class: 'bpsetup-section-body' });
  const root = accordionItem();
  root.id = sectionId(id);
  root.classList.add('bpsetup-section', 'bpsetup-step');
  root.dataset.step = id;
  root.dataset.status = 'unknown';
  root.label.classList.add('bpsetup-section-line');
  root.label.append(
    el('span', { class: 'bpsetup-step-number' }, `${number}.`),
    el('span', { class: 'bpsetup-section-title' }, title),
    summary,
    status,
  );
  root.content.append(
    body,
    el(
      'p',
      { class: 'bpsetup-section-link-line' },
      el('a', { class: 'bpsetup-section-link', href: `#${root.id}` }, t('Link to this step')),
    ),
  );
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
      root.selected = true;
    },
    get isOpen() {
      return root.selected;
    },
    onToggle(run) {
      root.addEventListener(TOGGLED, (e) => {
        if (e.target === root) run();
      });
    },
  };
}

/** The steps' accordion (headed one level below the page's section headings), several open at once. */
export function sectionList(sections: readonly Section[]): HTMLElement {
  const list = accordion(3);
  list.classList.add('bpsetup-steps');
  for (const section of sections) list.appendChild(section.root);
  return list;
}

/** Opens every fold around `node`, `node` itself if it is one: a failure or a linked place is never left folded away. */
export function unfold(node: Element): void {
  for (let item = node.closest('coral-accordion-item'); item; item = item.parentElement?.closest('coral-accordion-item') ?? null)
    (item as CoralAccordionItem).selected = true;
}

/**
 * Opens the step a link or the address names (setup.html#bpsetup-step-health), now and on every
 * later hash change, and brings it into view. Answers the same for later calls: what the page adds
 * above the step afterwards (AEM's answer, the verdict) would push it away.
 */
export function followSectionLinks(scope: HTMLElement): () => void {
  const follow = () => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (!target || !scope.contains(target)) return;
    unfold(target); // the step itself when the address names it, or the step around what it names
    target.scrollIntoView?.({ block: 'start' });
  };
  window.addEventListener('hashchange', follow);
  follow();
  return follow;
}

const OPEN_KEY = 'bpsetup.openSteps';

/**
 * A reload keeps the steps the admin had opened in this tab (sessionStorage: step ids only); a
 * new visit starts folded.
 */
export function keepOpenAcrossReloads(sections: readonly Section[]): void {
  let kept: string[] = [];
  try {
    kept = JSON.parse(window.sessionStorage.getItem(OPEN_KEY) ?? '[]') as string[];
  } catch {
    kept = []; // storage refused (privacy settings) or unreadable: start folded
  }
  for (const section of sections) {
    if (kept.includes(section.root.id)) section.open();
    section.onToggle(() => {
      try {
        const open = sections.filter((s) => s.isOpen).map((s) => s.root.id);
        window.sessionStorage.setItem(OPEN_KEY, JSON.stringify(open));
      } catch {
        // not kept: the next reload starts folded
      }
    });
  }
}
