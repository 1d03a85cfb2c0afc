/** The setup steps in the order an admin goes through them. */
import { t } from '../../../core/i18n';
import type { StepId } from '../../../core/domain/types';

export interface StepDefinition {
  id: StepId;
  title: string;
}

export const stepDefinitions = (): StepDefinition[] => [
  { id: 'prerequisites', title: t('Prerequisites') },
  { id: 'certificate', title: t('Certificate') },
  { id: 'developerConsole', title: t('Adobe Developer Console') },
  { id: 'imsAccount', title: t('IMS technical account') },
  { id: 'health', title: t('Check health') },
  { id: 'brandPortal', title: t('Brand Portal cloud service') },
];
