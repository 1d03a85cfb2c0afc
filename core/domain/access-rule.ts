/**
 * Whether the page's settings are writable by administrators only, judged from the access list
 * the package installs on them (`/conf/bpsetup/rep:policy`, read as Sling renders it): the first
 * entry denies `everyone` writing and changing the rule, without restriction, and every grant is
 * for `administrators`. Anything else (a missing, extended or reordered list) is not proof, and
 * address overrides are then refused. Pure: no I/O.
 */

export const EVERYONE = 'everyone';
export const ADMINISTRATORS = 'administrators';
/** The node that holds a node's access list. */
export const POLICY_NODE = 'rep:policy';

interface Ace {
  allow: boolean;
  principal: string;
  privileges: string[];
  restricted: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function entries(list: Record<string, unknown>): Ace[] | undefined {
  const out: Ace[] = [];
  for (const [name, value] of Object.entries(list)) {
    if (!isObject(value)) continue;
    const type = value['jcr:primaryType'];
    if (type !== 'rep:GrantACE' && type !== 'rep:DenyACE') return undefined; // a kind of entry this check does not know
    const privileges = value['rep:privileges'];
    out.push({
      allow: type === 'rep:GrantACE',
      principal: String(value['rep:principalName'] ?? ''),
      privileges: (Array.isArray(privileges) ? privileges : [privileges]).map(String),
      restricted: 'rep:glob' in value || 'rep:restrictions' in value || name === 'rep:restrictions',
    });
  }
  return out;
}

const covers = (ace: Ace, privilege: string) => ace.privileges.includes('jcr:all') || ace.privileges.includes(privilege);

/** The list (depth 1 JSON of rep:policy) lets only administrators write below it. */
export function isAdministratorsOnlyRule(list: unknown): boolean {
  if (!isObject(list) || list['jcr:primaryType'] !== 'rep:ACL') return false;
  const aces = entries(list);
  if (!aces?.length) return false;
  const [first, ...rest] = aces;
  const denies = !first.allow && first.principal === EVERYONE && !first.restricted;
  return (
    denies &&
    covers(first, 'rep:write') &&
    covers(first, 'jcr:modifyAccessControl') &&
    rest.every((a) => !a.allow || a.principal === ADMINISTRATORS)
  );
}

/** Nodes below the rule may carry their own list, which could grant more: then it is not proof either. */
export const hasOwnRule = (node: unknown): boolean => isObject(node) && POLICY_NODE in node;
