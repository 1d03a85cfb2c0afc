/**
 * Asset contribution (Asset Sourcing) readiness [contract: Version and feature gates]: AEM 6.5.2
 * or later (6.5.4's imports fail with Developer Console credentials, fixed in 6.5.5), and the
 * feature flag `com.day.cq.dam.entitlement.impl.frags.AssetSourcingFeatureFlag`
 * (`feature.flag.active.status`), on by itself from 6.5.9. What this AEM does not let the page
 * read (the contributors list, the contribution folders, the import jobs) is said as such, never
 * guessed. Contribution is optional: its findings are advice, never errors. Pure: no I/O.
 */
import { t } from '../i18n';
import type { FelixValue } from './felix-config';
import type { SetupProblem } from './types';
import { versionAtLeast } from './version';

export const ASSET_SOURCING_FLAG = {
  pid: 'com.day.cq.dam.entitlement.impl.frags.AssetSourcingFeatureFlag',
  property: 'feature.flag.active.status',
} as const;

/** The flag as read: a stored value, none stored (the version's default applies), or not readable. */
export type FlagReading = { stored?: boolean; unread?: boolean };

/** The flag's stored value, from the configuration's properties (undefined: none stored). */
export function flagValueOf(properties: Record<string, FelixValue> | undefined): boolean | undefined {
  const v = properties?.[ASSET_SOURCING_FLAG.property];
  if (v === undefined) return undefined;
  return v === true || String(Array.isArray(v) ? v[0] : v).trim() === 'true';
}

export interface ContributionReadiness {
  /** One line per condition, in the order Adobe's pages give them. */
  lines: { state: 'ok' | 'problem' | 'unknown'; text: string }[];
  problems: SetupProblem[];
}

export function contributionReadiness(version: string | undefined, flag: FlagReading): ContributionReadiness {
  const lines: ContributionReadiness['lines'] = [];
  const problems: SetupProblem[] = [];
  const supported = versionAtLeast(version, '6.5.2');
  if (supported === undefined) lines.push({ state: 'unknown', text: t('AEM version not known: asset contribution needs 6.5.2 or later.') });
  else if (!supported) {
    lines.push({ state: 'problem', text: t('AEM {0} has no asset contribution: it needs 6.5.2 or later.', version as string) });
    problems.push({
      id: 'contribution-version',
      severity: 'warning',
      title: t('Asset contribution needs AEM 6.5.2 or later'),
      fix: t('Update AEM to use asset contribution; publishing does not need it.'),
    });
  } else if (versionAtLeast(version, '6.5.4') && !versionAtLeast(version, '6.5.5')) {
    lines.push({ state: 'problem', text: t('AEM 6.5.4 cannot import contributed assets with Developer Console credentials.') });
    problems.push({
      id: 'contribution-654',
      severity: 'warning',
      title: t("AEM 6.5.4's asset contribution imports fail with Developer Console credentials"),
      fix: t('Update to 6.5.5 or later before using asset contribution.'),
    });
  } else lines.push({ state: 'ok', text: t('AEM {0} supports asset contribution.', version as string) });

  const onByDefault = versionAtLeast(version, '6.5.9') === true;
  const on = flag.stored ?? (flag.unread ? undefined : onByDefault);
  if (flag.unread && flag.stored === undefined)
    lines.push({
      state: 'unknown',
      text: t('The feature flag ({0}) could not be read: the configuration manager answers administrators only.', ASSET_SOURCING_FLAG.pid),
    });
  else if (on)
    lines.push({
      state: 'ok',
      text: flag.stored ? t('The asset contribution feature flag is on.') : t('Asset contribution is on by default on this version.'),
    });
  else if (supported !== false) {
    lines.push({ state: 'problem', text: t('The asset contribution feature flag is off.') });
    problems.push({
      id: 'contribution-flag-off',
      severity: 'warning',
      title: t('Asset contribution is switched off on this author'),
      fix: t(
        'To use it, set {0} to true in the configuration manager ({1}); publishing does not need it.',
        ASSET_SOURCING_FLAG.property,
        ASSET_SOURCING_FLAG.pid,
      ),
    });
  }
  lines.push({
    state: 'unknown',
    text: t(
      'Not readable from this page (no address is published): the contributors list (Tools > Assets > Brand Portal Users), the contribution folders (NEW and SHARED), and the import jobs (Assets > Jobs; AEM polls Brand Portal every five minutes).',
    ),
  });
  return { lines, problems };
}
