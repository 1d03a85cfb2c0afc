/**
 * The rights preflight, judged: a folder path that can be asked about, and what the four
 * privileges publishing needs (read, create, modify, replicate) say. Adobe's troubleshooting: a
 * user with read and replicate alone cannot publish to Brand Portal. Pure: no I/O.
 */
import { RIGHTS_SCRIPT } from '../contract/aem-names';
import { t } from '../i18n';
import type { FolderRights } from './types';
import type { Verdict } from './validate';

export function validateFolderPath(value: string): Verdict {
  const v = value.trim();
  if (!v) return { error: t('Enter the repository path of the folder, for example /content/dam/brand.') };
  if (!v.startsWith('/')) return { error: t('A repository path starts with /, for example /content/dam/brand.') };
  if (/\/\/|\/\.\.?(\/|$)/.test(v)) return { error: t('Use the folder\'s plain path: no "//", "." or ".." segments.') };
  if (!v.startsWith('/content/dam')) return { warning: t('Brand Portal publishes assets: folders below /content/dam.') };
  return {};
}

const LABELS: Record<(typeof RIGHTS_SCRIPT.privileges)[number], string> = {
  'jcr:read': 'read',
  'jcr:addChildNodes': 'create',
  'jcr:modifyProperties': 'modify',
  'crx:replicate': 'replicate',
};

export interface RightsJudgement {
  canPublish: boolean | undefined;
  title: string;
  lines: { privilege: string; label: string; held: boolean | null }[];
}

export function judgeRights(r: FolderRights): RightsJudgement {
  const lines = RIGHTS_SCRIPT.privileges.map((p) => ({ privilege: p, label: t(LABELS[p]), held: r.privileges[p] ?? null }));
  const missing = lines.filter((l) => l.held === false).map((l) => l.label);
  const unknown = lines.filter((l) => l.held === null).map((l) => l.label);
  if (missing.length) {
    const readAndReplicate = r.privileges['jcr:read'] && r.privileges['crx:replicate'];
    return {
      canPublish: false,
      title: readAndReplicate
        ? t(
            '{0} cannot publish {1} to Brand Portal: read and replicate alone are not enough; it also needs {2}.',
            r.user,
            r.path,
            missing.join(', '),
          )
        : t('{0} cannot publish {1} to Brand Portal: it lacks {2}.', r.user, r.path, missing.join(', ')),
      lines,
    };
  }
  if (unknown.length)
    return { canPublish: undefined, title: t('This AEM does not know {0}: nothing is claimed about it.', unknown.join(', ')), lines };
  return { canPublish: true, title: t('{0} may read, create, modify and replicate in {1}: enough to publish it.', r.user, r.path), lines };
}
