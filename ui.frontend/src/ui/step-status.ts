/** A step's status as a Spectrum status light with its words, the same in every place it shows. */
import type { StepStatus } from '../../../core/domain/types';
import { type StatusVariant, statusLight } from './coral';
import { t } from '../../../core/i18n';

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

const statusLabel = (status: StepStatus): string =>
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

export const stepStatusLight = (status: StepStatus): HTMLElement => statusLight(STATUS_LIGHT[status], statusLabel(status));
