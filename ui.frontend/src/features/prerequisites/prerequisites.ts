/** Step 1: AEM version and what it allows, read access to configurations. */
import type { Step, PageContext } from '../../app/port';
import { select, button } from '../../ui/coral';
import { el } from '../../ui/dom';
import { t } from '../../../../core/i18n';
import { renderNotice, renderProblem, renderRequestProblem } from '../../ui/problem';
import type { Section } from '../../ui/section';
import { displayVersion } from '../../../../core/domain/version';
import { onDemand } from '../../ui/on-demand';
import { loadPart } from '../../app/parts';

/** The overrides part: the settings' proof (asked at load) and step 1's notice, fetched once. */
export const loadOverrides = onDemand(() => loadPart('overrides'));

const KNOWN_VERSIONS = ['6.6.0.0', '6.5.21.0', '6.5.20.0', '6.5.17.0', '6.5.11.0', '6.5.4.0', '6.4.8.0', '6.3.3.8'];

export class PrerequisitesStep implements Step {
  readonly element: HTMLElement;

  constructor(private readonly section: Section) {
    this.element = section.root;
  }

  /**
   * Adobe switched JWT credentials off (no token after March 1, 2026), so an AEM without OAuth
   * cannot connect to Brand Portal at all: a blocker with the two ways out, not a JWT route.
   */
  private renderOauthBlocker(ctx: PageContext): HTMLElement {
    const box = el('div', { class: 'bpsetup-oauth-blocker' });
    if (ctx.state.oauthAvailable) return box;
    const hotfixPossible = ctx.state.oauth === 'withHotfix';
    box.appendChild(
      renderProblem({
        title: t('This AEM cannot connect to Brand Portal yet'),
        explanation: t(
          'Adobe ended JWT (Service Account) credentials: none gets a token after its certificate expires or March 1, 2026, whichever came first. OAuth Server-to-Server is the only way left, and AEM {0} does not have it.',
          displayVersion(ctx.facts.version ?? ''),
        ),
        fix: hotfixPossible
          ? t(
              "Either install Adobe's IMS compatibility hotfix (ims-jwt-compatibility-package-6.5-1.0.zip) through Package Manager, or update AEM to 6.5.21 or later. Then reload this page.",
            )
          : t(
              "Update AEM to 6.5.21 or later (or to 6.5 SP11 or later and install Adobe's IMS compatibility hotfix). Then reload this page.",
            ),
      }),
    );
    if (hotfixPossible) {
      const confirm = button(t('The hotfix is installed'), 'secondary');
      confirm.classList.add('bpsetup-confirm-hotfix');
      confirm.addEventListener('click', () => ctx.confirmHotfix());
      box.appendChild(confirm);
    }
    return box;
  }

  update(ctx: PageContext): void {
    const { body } = this.section;
    body.textContent = '';
    const list = el('ul', { class: 'bpsetup-facts' });
    const version = ctx.facts.version;
    list.appendChild(
      el('li', { 'data-fact': 'version' }, version ? t('AEM version: {0}', displayVersion(version)) : t('AEM version: not known')),
    );
    const oauthText = {
      native: t('OAuth Server-to-Server: available (6.5.21 or later).'),
      withHotfix: ctx.facts.hotfixConfirmed
        ? t('OAuth Server-to-Server: available with the IMS compatibility hotfix (as you confirmed).')
        : t(
            'OAuth Server-to-Server: needs the IMS compatibility hotfix (ims-jwt-compatibility-package-6.5-1.0.zip) on this service pack, or an update to 6.5.21.',
          ),
      unsupported: t('OAuth Server-to-Server: not available on this AEM version.'),
      unknown: t('OAuth Server-to-Server: depends on the version.'),
    }[ctx.state.oauth];
    list.appendChild(el('li', { 'data-fact': 'oauth' }, oauthText));
    list.appendChild(
      el(
        'li',
        { 'data-fact': 'access' },
        ctx.problems.imsConfigs
          ? t('Your user cannot read the IMS configurations (see below): sign in as an administrator.')
          : t(
              'Your user can read the OSGi configurations under /apps/system/config, which only administrators can: it can administer this setup.',
            ),
      ),
    );
    const bp = ctx.state.brandPortalConfigs.length;
    list.appendChild(
      el(
        'li',
        { 'data-fact': 'existing' },
        bp ? t('Brand Portal IMS configurations found: {0}.', String(bp)) : t('No Brand Portal IMS configuration yet.'),
      ),
    );
    body.appendChild(list);
    if (ctx.state.oauth === 'withHotfix' || ctx.state.oauth === 'unsupported') body.appendChild(this.renderOauthBlocker(ctx));
    if (ctx.overrides.applied.length || ctx.overrides.refused.length || ctx.overrides.unguarded) {
      const box = body.appendChild(el('div', { class: 'bpsetup-overrides' }));
      // appendChild, not replaceChildren: the custom-elements polyfill AEM's Coral runs on sees only
      // the older DOM methods, and an alert inserted otherwise loses its header and content.
      void loadOverrides(box, () => this.update(ctx)).then(({ renderOverrides }) => box.appendChild(renderOverrides(ctx)));
    }

    if (ctx.problems.version) {
      body.appendChild(
        renderNotice(
          'warning',
          t('This AEM does not report its version to the page'),
          t('State it here (Help → About Adobe Experience Manager shows it); the page then offers what that version allows.'),
        ),
      );
      const versions = select('bpsetup-version-label', [
        { value: '', label: t('Choose the AEM version…'), selected: !version },
        ...KNOWN_VERSIONS.map((v) => ({ value: v, label: displayVersion(v), selected: v === version })),
      ]);
      versions.classList.add('bpsetup-version-select', 'coral-Form-field');
      versions.addEventListener('change', () => versions.value && ctx.stateVersion(versions.value));
      body.appendChild(
        el(
          'div',
          { class: 'coral-Form-fieldwrapper' },
          el('label', { id: 'bpsetup-version-label', class: 'coral-Form-fieldlabel' }, t('AEM version')),
          versions,
        ),
      );
    }
    if (ctx.problems.imsConfigs) body.appendChild(renderRequestProblem(ctx.problems.imsConfigs, () => void ctx.refresh()));
  }
}
