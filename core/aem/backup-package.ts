/**
 * The backup made before any deletion [contract: Package Manager]: a package whose filter is exactly the
 * paths about to be deleted, created, given that filter and built through Package Manager, as an admin
 * would by hand. Its path is named in the result; a step Package Manager does not confirm throws
 * BackupFailedError, and the caller deletes nothing. The package stays in Package Manager, where
 * Install puts everything back.
 */
import type { AemSession } from './session';
import { PACKMGR } from '../contract/aem-names';
import { BackupFailedError, UnsafePathError } from '../errors';
import { isCanonicalPath } from '../domain/safe-path';

/** The Package Manager group backups are filed under. */
export const BACKUP_GROUP = 'bpsetup-backups';

export interface BackupPackage {
  /** `/etc/packages/bpsetup-backups/<name>.zip` */
  path: string;
  /** The filter roots: exactly the paths the caller deletes next. */
  roots: string[];
}

/**
 * `bpsetup-<what>-<UTC date and time to the millisecond>`: sortable, and distinct for a retry in the
 * same second (Package Manager refuses a name it has).
 */
export const backupName = (what: string, now: Date): string =>
  `bpsetup-${what.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60)}-${now.toISOString().replace(/[-:]/g, '').replace('T', '-')}`;

/** Package Manager's `{success, msg}` answer, or BackupFailedError naming the step. */
async function confirmed(res: Response, step: string, where: string): Promise<Record<string, unknown>> {
  const body = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const ok = res.ok && typeof json === 'object' && json !== null && (json as { success?: unknown }).success === true;
  if (!ok) throw new BackupFailedError(step, res.status, body.slice(0, 2000), where);
  return json as Record<string, unknown>;
}

export async function backUp(s: AemSession, roots: readonly string[], what: string, now = new Date()): Promise<BackupPackage> {
  const odd = roots.find((r) => !isCanonicalPath(r));
  if (odd) throw new UnsafePathError(odd);
  const name = backupName(what, now);
  const service = s.endpoints.packageService.path;
  const path = `/etc/packages/${BACKUP_GROUP}/${name}.zip`;

  const created = await confirmed(
    await s.fetch(`${service}${path}?cmd=create`, {
      method: 'POST',
      body: new URLSearchParams({ [PACKMGR.packageNameField]: name, [PACKMGR.groupNameField]: BACKUP_GROUP }),
    }),
    'create',
    service,
  );
  if (created.path !== path) throw new BackupFailedError('create', 200, JSON.stringify(created), service);

  const f = PACKMGR.updateFields;
  const update = s.endpoints.packageFilterUpdate.path;
  await confirmed(
    await s.fetch(update, {
      method: 'POST',
      body: new URLSearchParams({
        [f.path]: path,
        [f.name]: name,
        [f.group]: BACKUP_GROUP,
        [f.version]: '',
        [f.filter]: JSON.stringify(roots.map((root) => ({ root, rules: [] }))),
        [f.charset]: 'UTF-8',
      }),
    }),
    'filter',
    update,
  );

  await confirmed(await s.fetch(`${service}${path}?cmd=build`, { method: 'POST', body: new URLSearchParams() }), 'build', service);
  return { path, roots: [...roots] };
}
