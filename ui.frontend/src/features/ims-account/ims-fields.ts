/** Step 4's form fields, in the order the Developer Console shows them, each judged by its rule in domain/validate. */
import { IMS } from '../../../../core/contract/aem-names';
import { IMS_FIELD_RULES, type ImsFieldContext, type ImsFieldName } from '../../../../core/domain/validate';
import { createField, type Field } from '../../ui/field';
import { t } from '../../../../core/i18n';

export type FieldName = ImsFieldName;

export const FIELD_ORDER: FieldName[] = [
  'title',
  'authServerUrl',
  'clientId',
  'clientSecret',
  'orgId',
  'technicalAccountId',
  'scopes',
  'keyAlias',
  'jwtPayload',
];

/** The fields; `context` gives each rule what it is judged against, `changed` runs after every check. */
export function createImsFields(context: () => ImsFieldContext, changed: () => void): Record<FieldName, Field> {
  const f = (name: FieldName, label: string, extra: Partial<Parameters<typeof createField>[0]> = {}) =>
    createField({ name, label, ...extra }, (v) => IMS_FIELD_RULES[name](v, context()), changed);
  return {
    title: f('title', t('Title'), { value: 'Brand Portal' }),
    authServerUrl: f('authServerUrl', t('Authorization server'), { value: IMS.defaultServer }),
    clientId: f('clientId', t('Client ID (API key)')),
    clientSecret: f('clientSecret', t('Client secret'), {
      type: 'password',
      autocomplete: 'new-password',
      help: t('Sent once to AEM, which stores it encrypted. This page never keeps or shows it.'),
    }),
    orgId: f('orgId', t('Organization ID'), { placeholder: '…@AdobeOrg' }),
    technicalAccountId: f('technicalAccountId', t('Technical account ID'), { placeholder: '…@techacct.adobe.com' }),
    scopes: f('scopes', t('Scopes'), {
      placeholder: 'openid, AdobeID, …',
      help: t('As listed on the OAuth Server-to-Server credential, separated by commas.'),
    }),
    keyAlias: f('keyAlias', t('Certificate (keystore alias)')),
    jwtPayload: f('jwtPayload', t('JWT payload'), { type: 'textarea' }),
  };
}
