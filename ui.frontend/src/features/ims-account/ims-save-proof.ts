/**
 * What step 4 says after a save, from the read-back (aem/ims-proof): AEM stored what was sent;
 * it stored something else and the page repaired it; it stored something else that could not be
 * repaired (and what became of it); or what AEM stored could not be read. Values shown are never
 * secrets: the client secret is not among the compared properties.
 */
import type { ImsSaveProof } from '../../../../core/aem/ims-proof';
import type { Endpoints } from '../../../../core/contract/endpoints';
import type { StoredDifference } from '../../../../core/domain/ims-readback';
import { t } from '../../../../core/i18n';
import { el } from '../../ui/dom';
import { renderNotice, renderProblem } from '../../ui/problem';

const describe = (d: StoredDifference) => t('{0}: sent "{1}", AEM stored "{2}"', d.property, d.sent, d.stored || t('(nothing)'));

function differenceList(differences: StoredDifference[]): HTMLElement {
  return el('ul', { class: 'bpsetup-ims-differences' }, ...differences.map((d) => el('li', {}, describe(d))));
}

export function renderSaveProof(proof: ImsSaveProof, title: string, endpoints: Endpoints): HTMLElement {
  switch (proof.kind) {
    case 'stored':
      return renderNotice(
        'success',
        t('Configuration saved'),
        t('"{0}": AEM stored what was sent (read back). Its health check result is in step 5.', title),
      );
    case 'repaired': {
      const box = renderNotice(
        'success',
        t('Configuration saved and repaired'),
        t(
          "AEM's IMS servlet stored {0} properties differently from what was sent. The page set them through the configuration manager and read them back: they now hold what was sent. Step 5 proves the token.",
          String(proof.differences.length),
        ),
      );
      (box as unknown as { content: HTMLElement }).content.appendChild(differenceList(proof.differences));
      return box;
    }
    case 'differs': {
      const left =
        proof.removed === true
          ? t('The page deleted the configuration it had just created and read the list again: nothing of this save is left in AEM.')
          : proof.removed === false
            ? t('The page could not delete the configuration it had just created: delete it in the Adobe IMS Configurations console.')
            : t('The existing configuration was left as AEM stored it.');
      const box = renderProblem(
        {
          title: t('AEM stored a different IMS configuration than the page sent'),
          explanation: `${t('These properties differ, and the configuration manager could not set them (it needs an administrator).')} ${left}`,
          fix: t(
            "Create or edit the configuration in AEM's own Adobe IMS Configurations console (Cloud Solution: Brand Portal), then reload this page; or ask an administrator to run this step.",
          ),
        },
        {
          raw: { body: proof.reason instanceof Error ? proof.reason.message : String(proof.reason ?? '') },
          console: { label: t('Adobe IMS Configurations console'), href: endpoints.imsConsole.path },
        },
      );
      box.querySelector('.bpsetup-problem-why')?.after(differenceList(proof.differences));
      return box;
    }
    case 'unread':
      return renderNotice(
        'warning',
        t('Saved, but what AEM stored could not be read back'),
        t(
          'AEM accepted "{0}", but the page could not read the stored configuration to compare it with what was sent. Reload the page to read it again; step 5 proves the token.',
          title,
        ),
      );
  }
}
