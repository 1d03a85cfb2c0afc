/** The step list at the top of the page: one row per step with its status. */
import type { StepId, StepState, StepStatus } from '../../../core/domain/types';
import { type StatusVariant, statusLight } from './coral';
import { el } from './dom';
import { t } from '../../../core/i18n';

/** A step as the list shows it: its id, title and what it is for. */
export interface StepDefinition {
  id: StepId;
  title: string;
  description: string;
}

/** Which Spectrum status light each step status shows; the words beside it carry the meaning. */
const STATUS_LIGHT: Record<StepStatus, StatusVariant> = {
  unknown: 'neutral',
  todo: 'neutral',
  inProgress: 'info',
  untested: 'info',
  done: 'success',
  warning: 'warning',
  error: 'error',
  notNeeded: 'neutral',
};

export const stepStatusLight = (status: StepStatus): HTMLElement => statusLight(STATUS_LIGHT[status], statusLabel(status));

export const statusLabel = (status: StepStatus): string =>
  ({
    unknown: t('Not checked yet'),
    todo: t('To do'),
    inProgress: t('In progress'),
    untested: t('Configured — not tested yet'),
    done: t('Done'),
    warning: t('Needs attention'),
    error: t('Failed'),
    notNeeded: t('Not needed'),
  })[status];

export function renderStepList(definitions: StepDefinition[], states: StepState[]): HTMLElement {
  const list = el('ol', { class: 'coral-Well bpsetup-steps', 'aria-label': t('Setup steps') });
  definitions.forEach((def, index) => {
    const state = states.find((s) => s.id === def.id) ?? { id: def.id, status: 'unknown' as const, summary: '' };
    const item = el(
      'li',
      { class: `bpsetup-step is-${state.status}`, 'data-step': def.id, 'data-status': state.status },
      el('span', { class: 'bpsetup-step-number', 'aria-hidden': 'true' }, String(index + 1)),
      el(
        'div',
        { class: 'bpsetup-step-text' },
        el(
          'h3',
          { class: 'bpsetup-step-title coral-Heading coral-Heading--5' },
          el('a', { href: `#bpsetup-step-${def.id}`, class: 'bpsetup-step-link' }, def.title),
        ),
        el('p', { class: 'bpsetup-step-description' }, def.description),
        el('p', { class: 'bpsetup-step-summary' }, state.summary),
      ),
      el('span', { class: 'bpsetup-step-status' }, stepStatusLight(state.status)),
    );
    list.appendChild(item);
  });
  return list;
}
