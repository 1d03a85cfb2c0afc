/** A step's panel below the step list: heading, status line, body. */
import type { StepId, StepState } from '../../../core/domain/types';
import { el } from './dom';
import { stepStatusLight } from './step-list';

export interface Section {
  root: HTMLElement;
  body: HTMLElement;
  setState(state: StepState | undefined): void;
}

export function createSection(id: StepId, number: number, title: string): Section {
  const status = el('span', { class: 'bpsetup-section-status' });
  const body = el('div', { class: 'bpsetup-section-body' });
  const root = el(
    'section',
    { class: 'bpsetup-section', id: `bpsetup-step-${id}`, 'data-step': id, 'aria-labelledby': `bpsetup-step-${id}-title` },
    el(
      'h2',
      { class: 'bpsetup-section-title coral-Heading coral-Heading--4', id: `bpsetup-step-${id}-title` },
      `${number}. ${title}`,
      status,
    ),
    body,
  );
  return {
    root,
    body,
    setState(state) {
      root.dataset.status = state?.status ?? 'unknown';
      status.textContent = '';
      if (state) status.appendChild(stepStatusLight(state.status));
    },
  };
}
