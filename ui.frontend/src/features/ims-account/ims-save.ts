/**
 * Saving step 4's form: a new configuration through the one-configuration guard (another admin
 * may be saving too), an edit straight to AEM's IMS servlet; then the save read back and proven,
 * and Check Health run. Each outcome is said in the step's feedback; true when this page's
 * configuration was saved (or another one saved at the same moment is used). Part of the IMS form.
 */
import { createOneImsConfig, proveImsSave, saveImsConfig } from '../../../../core/aem/client';
import { isAemError } from '../../../../core/errors';
import { explainWithGuards } from '../../../../core/domain/explain-guard';
import type { ImsConfigInput } from '../../../../core/domain/types';
import { wait } from '../../ui/coral';
import { el } from '../../ui/dom';
import { t } from '../../../../core/i18n';
import { renderNotice, renderProblem, renderRequestProblem, showResult } from '../../ui/problem';
import type { PageContext } from '../../app/port';
import { renderSaveProof } from './ims-save-proof';

export interface SaveCallbacks {
  /** The form was sent: the secret can leave the form, and an edit is over. */
  sent(): void;
  /** "Try again" after a failure. */
  retry(): void;
}

export async function saveImsConfiguration(
  ctx: PageContext,
  input: ImsConfigInput,
  editing: boolean,
  feedback: HTMLElement,
  on: SaveCallbacks,
): Promise<boolean> {
  feedback.textContent = '';
  feedback.append(el('p', { class: 'bpsetup-progress' }, wait(), ` ${t('Saving the configuration in AEM…')}`));
  try {
    const created = editing
      ? undefined
      : await createOneImsConfig(ctx.session, input, ctx.facts.referencedImsIds ?? [], ctx.facts.markedImsConfig);
    const id = created ? created.id : await saveImsConfig(ctx.session, input);
    on.sent();
    if (created?.gaveWay) {
      showResult(
        feedback,
        renderNotice(
          'info',
          t('Another Brand Portal IMS configuration was saved at the same moment'),
          t('Adobe allows one, so this page removed its own and uses the other one; edit it if its values differ.'),
        ),
      );
      ctx.adopt({ imsConfigs: created.listed });
    } else {
      // Never trusted before it is read back: the OAuth form's field names are not confirmed.
      const { proof, listed } = await proveImsSave(ctx.session, input, id, Boolean(created), created?.listed);
      showResult(feedback, renderSaveProof(proof, input.title.trim(), ctx.session.endpoints));
      if (listed) ctx.adopt({ imsConfigs: listed });
      else await ctx.refresh(['imsConfigs']);
    }
    await ctx.runHealth();
    return true;
  } catch (e) {
    feedback.textContent = '';
    if (isAemError(e, 'ImsConfigExistsError')) {
      feedback.appendChild(
        renderProblem({
          title: t('A Brand Portal IMS configuration already exists'),
          explanation: t('"{0}" was saved meanwhile (by another admin, or in another tab). Adobe requires exactly one.', e.title),
          fix: t('Edit that configuration instead.'),
        }),
      );
      await ctx.refresh(['imsConfigs']);
      await ctx.runHealth();
    } else feedback.appendChild(renderRequestProblem(explainWithGuards(e, ctx.session.endpoints), on.retry));
    return false;
  }
}
