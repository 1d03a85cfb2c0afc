/**
 * Access control as Oak evaluates it for a write, far enough for the settings the package guards:
 * `rep:policy` nodes (rep:ACL) with rep:GrantACE / rep:DenyACE children, as a package installs
 * them. Administrators may do anything; anyone else may write only where an entry grants it. The
 * user's own entries decide before group entries; nearer nodes before ancestors; within one list,
 * the later entry wins. Restrictions (rep:glob) are not emulated: an entry with one never grants.
 */
import { ADMINISTRATORS, EVERYONE, POLICY_NODE } from '../core/domain/access-rule';
import type { RepoNode, Repository } from './store';
import { splitPath } from './store';

export { ADMINISTRATORS, POLICY_NODE };

/** Privileges that include the right to add, change or remove content. */
const WRITING = new Set(['jcr:modifyProperties', 'jcr:addChildNodes', 'jcr:removeNode']);

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

/** Aggregate privileges and what they contain (JCR 2.0 and Oak's rep:write). */
const AGGREGATES: Record<string, readonly string[]> = {
  'jcr:all': ['jcr:read', 'jcr:write', 'rep:write', 'crx:replicate', 'jcr:readAccessControl', 'jcr:modifyAccessControl'],
  'rep:write': ['jcr:write', 'jcr:nodeTypeManagement'],
  'jcr:write': ['jcr:modifyProperties', 'jcr:addChildNodes', 'jcr:removeNode', 'jcr:removeChildNodes'],
};

/** A privilege and everything it aggregates. */
function expand(privileges: readonly string[], into = new Set<string>()): Set<string> {
  for (const p of privileges) if (!into.has(p)) expand(AGGREGATES[p] ?? [], into.add(p));
  return into;
}

/** The decision the access lists on the way up to `path` make for an entry that `concerns` asks about. */
function decide(repo: Repository, who: Principals, path: string, concerns: (privileges: Set<string>) => boolean): boolean {
  const parts = splitPath(path);
  const lists: Entry[][] = [];
  for (let i = parts.length; i >= 0; i -= 1) {
    const node = repo.get(`/${parts.slice(0, i).join('/')}`);
    lists.push(entriesOf(node?.children[POLICY_NODE]).reverse());
  }
  const first = (matches: (e: Entry) => boolean): boolean | undefined => {
    for (const list of lists)
      for (const e of list) if (matches(e) && concerns(expand(e.privileges)) && !(e.allow && e.restricted)) return e.allow;
    return undefined;
  };
  const groups = new Set([EVERYONE, ...who.groups]);
  return first((e) => e.principal === who.user) ?? first((e) => groups.has(e.principal)) ?? false;
}

/** Every entry of the access lists on `path` and its ancestors, nearest list first, as getEffectivePolicies lists them. */
export function effectiveEntries(repo: Repository, path: string): (Omit<Entry, 'restricted'> & { path: string })[] {
  const parts = splitPath(path);
  const out: (Omit<Entry, 'restricted'> & { path: string })[] = [];
  for (let i = parts.length; i >= 0; i -= 1) {
    const at = `/${parts.slice(0, i).join('/')}`;
    for (const e of entriesOf(repo.get(at)?.children[POLICY_NODE]))
      out.push({ path: at, principal: e.principal, allow: e.allow, privileges: e.privileges });
  }
  return out;
}

/** Whether `who` may write at `path` (create, modify or delete), by the access lists on its way up. */
export const mayWrite = (repo: Repository, who: Principals, path: string): boolean =>
  decide(repo, who, path, (held) => [...WRITING].some((p) => held.has(p)));

/** Whether `who` holds one privilege (or an aggregate containing it) at `path`. */
export const holdsPrivilege = (repo: Repository, who: Principals, path: string, privilege: string): boolean =>
  decide(repo, who, path, (held) => held.has(privilege));

/** Access lists are read only with jcr:readAccessControl, which only administrators hold here. */
export const isAccessControlPath = (path: string): boolean => splitPath(path).includes(POLICY_NODE);

// ---- Installing the access lists a package carries ----

/** FileVault's `acHandling` package property: what happens to the access lists (rep:policy) it carries. */
export type AcHandling = 'ignore' | 'overwrite' | 'merge' | 'merge_preserve' | 'clear';

type Ace = [string, RepoNode];
const principalOf = ([, ace]: Ace) => String(ace.props['rep:principalName'] ?? '');

/** The access list a node ends with, from the one it had and the package's, by `acHandling`. */
function resultingList(before: RepoNode | undefined, pkg: RepoNode | undefined, handling: AcHandling): RepoNode | undefined {
  if (handling === 'clear') return undefined;
  if (handling === 'ignore' || !pkg) return before;
  if (handling === 'overwrite' || !before) return pkg;
  const old = Object.entries(before.children);
  const ours = Object.entries(pkg.children);
  const inPkg = new Set(ours.map(principalOf));
  const inOld = new Set(old.map(principalOf));
  const kept: Ace[] =
    handling === 'merge'
      ? [...old.filter((a) => !inPkg.has(principalOf(a))), ...ours]
      : [...old, ...ours.filter((a) => !inOld.has(principalOf(a)))];
  // Entry node names must stay unique: renumber as FileVault names new entries (allow, allow0, …).
  const children: Record<string, RepoNode> = {};
  for (const [name, ace] of kept) {
    let unique = name;
    for (let i = 0; unique in children; i++) unique = `${name}${i}`;
    children[unique] = ace;
  }
  return { props: before.props, children };
}

/** Walks what was installed and sets every access list it covers as `acHandling` says. */
export function applyAccessLists(installed: RepoNode, before: RepoNode | undefined, pkg: RepoNode | undefined, handling: AcHandling): void {
  const list = resultingList(before?.children[POLICY_NODE], pkg?.children[POLICY_NODE], handling);
  if (list) installed.children[POLICY_NODE] = list;
  else delete installed.children[POLICY_NODE];
  for (const [name, child] of Object.entries(installed.children))
    if (name !== POLICY_NODE && pkg?.children[name]) applyAccessLists(child, before?.children[name], pkg.children[name], handling);
}
