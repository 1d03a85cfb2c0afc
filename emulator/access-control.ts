/**
 * Access control as Oak evaluates it for a write, far enough for the settings the package guards:
 * `rep:policy` nodes (rep:ACL) with rep:GrantACE / rep:DenyACE children, as a package installs
 * them. Administrators may do anything; anyone else may write only where an entry grants it. The
 * user's own entries decide before group entries; nearer nodes before ancestors; within one list,
 * the later entry wins. Restrictions (rep:glob) are not emulated: an entry with one never grants.
 */
import { ADMINISTRATORS, EVERYONE, POLICY_NODE } from '../ui.frontend/src/domain/access-rule';
import type { RepoNode, Repository } from './store';
import { splitPath } from './store';

export { ADMINISTRATORS, POLICY_NODE };

/** Privileges that include the right to add, change or remove content. */
const WRITING = new Set(['jcr:all', 'rep:write', 'jcr:write', 'jcr:modifyProperties', 'jcr:addChildNodes', 'jcr:removeNode']);

export interface Principals {
  user: string;
  groups: readonly string[];
}

interface Entry {
  principal: string;
  allow: boolean;
  privileges: string[];
  restricted: boolean;
}

function entriesOf(policy: RepoNode | undefined): Entry[] {
  if (!policy || policy.props['jcr:primaryType'] !== 'rep:ACL') return [];
  return Object.values(policy.children).flatMap((ace) => {
    const type = ace.props['jcr:primaryType'];
    if (type !== 'rep:GrantACE' && type !== 'rep:DenyACE') return [];
    const privileges = ace.props['rep:privileges'];
    return [
      {
        principal: String(ace.props['rep:principalName'] ?? ''),
        allow: type === 'rep:GrantACE',
        privileges: (Array.isArray(privileges) ? privileges : [privileges]).map(String),
        restricted: 'rep:glob' in ace.props || 'rep:restrictions' in ace.children,
      },
    ];
  });
}

/** Whether `who` may write at `path` (create, modify or delete), by the access lists on its way up. */
export function mayWrite(repo: Repository, who: Principals, path: string): boolean {
  const parts = splitPath(path);
  const lists: Entry[][] = [];
  for (let i = parts.length; i >= 0; i -= 1) {
    const node = repo.get(`/${parts.slice(0, i).join('/')}`);
    lists.push(entriesOf(node?.children[POLICY_NODE]).reverse());
  }
  const decide = (matches: (e: Entry) => boolean): boolean | undefined => {
    for (const list of lists)
      for (const e of list) if (matches(e) && e.privileges.some((p) => WRITING.has(p)) && !(e.allow && e.restricted)) return e.allow;
    return undefined;
  };
  const groups = new Set([EVERYONE, ...who.groups]);
  return decide((e) => e.principal === who.user) ?? decide((e) => groups.has(e.principal)) ?? false;
}

/** Access lists are read only with jcr:readAccessControl, which only administrators hold here. */
export const isAccessControlPath = (path: string): boolean => splitPath(path).includes(POLICY_NODE);
