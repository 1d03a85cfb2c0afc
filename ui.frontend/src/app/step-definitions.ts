/** The setup steps in the order an admin goes through them, with what each is for. */
import { t } from '../../../core/i18n';
import type { StepDefinition } from '../ui/step-list';

export const stepDefinitions = (): StepDefinition[] => [
  {
    id: 'prerequisites',
    title: t('Prerequisites'),
    description: t('AEM version, OAuth availability, your permissions, existing Brand Portal setup.'),
  },
  { id: 'certificate', title: t('Certificate'), description: t('The public certificate of the Brand Portal IMS service user (JWT only).') },
  {
    id: 'developerConsole',
    title: t('Adobe Developer Console'),
    description: t('Create the Brand Portal API credential and bring its values here.'),
  },
  { id: 'imsAccount', title: t('IMS technical account'), description: t('The one Adobe IMS configuration Brand Portal uses.') },
  { id: 'health', title: t('Check health'), description: t('AEM asks Adobe IMS for a token with that configuration.') },
  { id: 'brandPortal', title: t('Brand Portal cloud service'), description: t('Tenant URL, then the four replication agents, tested.') },
];
