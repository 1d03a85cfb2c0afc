/** Step 1: AEM version and what it allows, read access to configurations. */
import type { Step, PageContext } from './context';
import { el } from '../ui/dom';
import { t } from '../ui/i18n';
import { renderNotice, renderRequestProblem } from '../ui/problem';
import { createSection } from '../ui/section';

const KNOWN_VERSIONS = ['6.5.21.0', '6.5.20.0', '6.5.17.0', '6.5.11.0', '6.5.4.0', '6.4.8.0', '6.3.3.8'];

export class PrerequisitesStep implements Step {
  private readonly section = createSection('prerequisites', 1, t('Prerequisites'));
  readonly element = this.section.root;

  update(ctx: PageContext): void {
    const { body } = this.section;
    this.section.setState(ctx.state.steps.find((s) => s.id === 'prerequisites'));
    body.textContent = '';
    const list = el('ul', { class: 'bpsetup-facts' });
    const version = ctx.facts.version;
    list.appendChild(el('li', { 'data-fact': 'version' }, version ? t('AEM version: {0}', version) : t('AEM version: not known')));
    const oauthText = {
      native: t('OAuth Server-to-Server: available (6.5.21 or later). Use it: JWT credentials reached end of life on June 30, 2025.'),
      withHotfix: t('OAuth Server-to-Server: needs the IMS compatibility hotfix (ims-jwt-compatibility-package-6.5-1.0.zip) on this service pack, or an update to 6.5.21. Without it, only JWT.'),
      unsupported: t('OAuth Server-to-Server: not available on this AEM version, so the configuration must use JWT (deprecated by Adobe). Plan the update to 6.5.21.'),
      unknown: t('OAuth Server-to-Server: depends on the version.'),
    }[ctx.state.oauth];
    list.appendChild(el('li', { 'data-fact': 'oauth' }, oauthText));
    list.appendChild(
      el(
        'li',
        { 'data-fact': 'access' },
        ctx.problems.imsConfigs
          ? t('Your user cannot read the IMS configurations (see below): sign in as an administrator.')
          : t('Your user can read the OSGi configurations under /apps/system/config, which only administrators can: it can administer this setup.'),
      ),
    );
    const bp = ctx.state.brandPortalConfigs.length;
    list.appendChild(el('li', { 'data-fact': 'existing' }, bp ? t('Brand Portal IMS configurations found: {0}.', String(bp)) : t('No Brand Portal IMS configuration yet.')));
    body.appendChild(list);

    if (ctx.problems.version) {
      body.appendChild(renderNotice('warning', t('This AEM does not report its version to the page'), t('State it here (Help → About Adobe Experience Manager shows it); the page then offers what that version allows.')));
      const select = el('select', { class: 'bpsetup-version-select', 'aria-label': t('AEM version') });
      select.appendChild(el('option', { value: '' }, t('Choose the AEM version…')));
      for (const v of KNOWN_VERSIONS) select.appendChild(el('option', { value: v, selected: v === version ? true : undefined }, v));
      select.addEventListener('change', () => select.value && ctx.stateVersion(select.value));
      body.appendChild(select);
    }
    if (ctx.problems.imsConfigs) body.appendChild(renderRequestProblem(ctx.problems.imsConfigs, () => void ctx.refresh()));
  }
}
