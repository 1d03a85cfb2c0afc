/**
 * Registers the IMS field rules with Granite's foundation-validation, once, so AEM-native forms
 * (and foundation-validation's checkValidity) judge fields exactly as this page does. Only errors
 * block; warnings are shown by the page itself.
 */
import { IMS_FIELD_RULES, type ImsFieldContext, type ImsFieldName } from '../../../core/domain/validate';

const valueOf = (el: Element | null) => (el as HTMLInputElement | null)?.value ?? '';

/** The other fields of the same form and its authentication type (just above it), read from the DOM as Granite sees them. */
function contextFrom(el: Element): ImsFieldContext {
  const scope = el.closest('.bpsetup-ims-form-holder') ?? el.closest('form') ?? document;
  const field = (name: ImsFieldName) => valueOf(scope.querySelector(`[data-bpsetup-validate="${name}"]`));
  const checked = scope.querySelector<HTMLInputElement>('input[name="bpsetup-auth-type"]:checked');
  return {
    orgId: field('orgId'),
    technicalAccountId: field('technicalAccountId'),
    clientId: field('clientId'),
    authType: checked?.value === 'jwt' ? 'jwt' : 'oauth',
  };
}

export function registerValidators(): void {
  const w = window as unknown as { __bpsetupValidators?: boolean };
  const granite = window.Granite;
  if (w.__bpsetupValidators || !granite?.$) return;
  w.__bpsetupValidators = true;
  const registry = granite.$(window).adaptTo('foundation-registry');
  for (const [name, rule] of Object.entries(IMS_FIELD_RULES)) {
    registry.register('foundation.validation.validator', {
      selector: `[data-bpsetup-validate="${name}"]`,
      validate: (el: Element) => rule(valueOf(el), contextFrom(el)).error,
      // The page shows its own inline messages next to the field.
      show: () => undefined,
      clear: () => undefined,
    });
  }
}
