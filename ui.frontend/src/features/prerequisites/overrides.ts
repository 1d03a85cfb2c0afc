/**
 * Address overrides, for the rare author that has them: the proof that only administrators can
 * have written them (aem/settings-guard.ts) and step 1's notice of what is in force, refused or
 * not applied. A part (ui/parts.ts): fetched only when the settings hold an override.
 */
import { SECRET_BEARING } from '../../../../core/contract/endpoints';
import { t } from '../../../../core/i18n';
import { renderNotice } from '../../ui/problem';
import type { PageContext } from '../../app/port';

export { proveSettingsGuarded } from '../../../../core/aem/settings-guard';

/** Which addresses an admin corrected through the page settings, and any refused or not applied. */
export function renderOverrides(ctx: PageContext): HTMLElement {
  const lines = ctx.overrides.applied.map((key) =>
    t('{0}: {1} (instead of {2})', key, ctx.session.endpoints[key].path, ctx.session.endpoints[key].defaultPath),
  );
  const refused = ctx.overrides.refused.map((key) =>
    (SECRET_BEARING as readonly string[]).includes(key)
      ? t('{0}: refused (the client secret goes only to the address the package ships)', key)
      : t('{0}: refused (not a plain absolute path)', key),
  );
  const unguarded = ctx.overrides.unguarded;
  if (unguarded)
    refused.push(
      unguarded.why === 'other-writers'
        ? t(
            '{0}: not applied, because users other than administrators may write these settings ({1}): remove their grants',
            unguarded.keys.join(', '),
            (unguarded.writers ?? []).join(', '),
          )
        : unguarded.why === 'rule-missing'
          ? t(
              '{0}: not applied, because the access rule that lets only administrators write these settings is missing or changed ({1}); reinstall the package',
              unguarded.keys.join(', '),
              ctx.session.endpoints.settingsAccessRule.path,
            )
          : t('{0}: not applied, because the access rule on these settings could not be read', unguarded.keys.join(', ')),
    );
  return renderNotice(
    refused.length ? 'warning' : 'info',
    t('Addresses set on this author ({0})', ctx.session.endpoints.settings.path),
    [...lines, ...refused].join('; '),
  );
}
