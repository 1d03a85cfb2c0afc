/**
 * Registers the IMS field validators with Granite's foundation-validation, once, so AEM-native
 * forms (and foundation-validation's checkValidity) judge fields exactly as this page does.
 * Only errors block; warnings are shown by the page itself.
 */
import {
  type Verdict,
  validateAuthServer,
  validateClientId,
  validateClientSecret,
  validateJwtPayload,
  validateKeyAlias,
  validateOrgId,
  validateScopes,
  validateTechnicalAccountId,
  validateTitle,
} from '../domain/validate';

const valueOf = (el: Element) => (el as HTMLInputElement).value ?? '';
const sibling = (el: Element, name: string) => {
  const scope = el.closest('form') ?? document;
  return valueOf(scope.querySelector(`[data-bpsetup-validate="${name}"]`) ?? document.createElement('input'));
};

export const FIELD_VALIDATORS: Record<string, (el: Element) => Verdict> = {
  title: (el) => validateTitle(valueOf(el)),
  authServerUrl: (el) => validateAuthServer(valueOf(el)),
  clientId: (el) => validateClientId(valueOf(el)),
  clientSecret: (el) => validateClientSecret(valueOf(el)),
  orgId: (el) => validateOrgId(valueOf(el)),
  technicalAccountId: (el) => validateTechnicalAccountId(valueOf(el)),
  scopes: (el) => validateScopes(valueOf(el)),
  keyAlias: (el) => validateKeyAlias(valueOf(el)),
  jwtPayload: (el) =>
    validateJwtPayload(valueOf(el), { orgId: sibling(el, 'orgId'), technicalAccountId: sibling(el, 'technicalAccountId'), clientId: sibling(el, 'clientId') }),
};

export function registerValidators(): void {
  const w = window as unknown as { __bpsetupValidators?: boolean };
  const granite = window.Granite;
  if (w.__bpsetupValidators || !granite?.$) return;
  w.__bpsetupValidators = true;
  const registry = granite.$(window).adaptTo('foundation-registry');
  for (const [name, check] of Object.entries(FIELD_VALIDATORS)) {
    registry.register('foundation.validation.validator', {
      selector: `[data-bpsetup-validate="${name}"]`,
      validate: (el: Element) => check(el).error,
      // The page shows its own inline messages next to the field.
      show: () => undefined,
      clear: () => undefined,
    });
  }
}
