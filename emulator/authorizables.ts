/**
 * Users as Oak keeps them: each authorizable node gets a random name (AEM's random authorizable
 * node-name generator), so its path can only be found by looking the id up, as clients must on a
 * real AEM [contract: Users and the keystore]. Removal goes through user management (`deleteAuthorizable`).
 */
import { randomBytes } from 'node:crypto';
import { AUTHORIZABLES } from '../core/contract/aem-names';
import type { Repository, RepositoryTransaction } from './store';

const NAME_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A 20-character node name that tells nothing about the id. */
export function oakNodeName(): string {
  return [...randomBytes(20)].map((b) => NAME_ALPHABET[b % NAME_ALPHABET.length]).join('');
}

/** Node types that are authorizables, with the types a query for each type also matches. */
const SUPERTYPES: Record<string, string[]> = {
  'rep:SystemUser': ['rep:SystemUser', 'rep:User', 'rep:Authorizable'],
  'rep:User': ['rep:User', 'rep:Authorizable'],
  'rep:Group': ['rep:Group', 'rep:Authorizable'],
};

/** True when a node of `primaryType` is of `queriedType` or one of its subtypes. */
export const isNodeType = (primaryType: string, queriedType: string): boolean =>
  (SUPERTYPES[primaryType] ?? [primaryType, 'nt:base']).includes(queriedType) || queriedType === 'nt:base';

export const isAuthorizable = (primaryType: unknown): boolean => typeof primaryType === 'string' && primaryType in SUPERTYPES;

/** The path of the authorizable with `id` below `root`, if any. */
export function findAuthorizable(repo: Repository, root: string, id: string): string | undefined {
  for (const [path, node] of repo.walk(root)) {
    if (isAuthorizable(node.props['jcr:primaryType']) && node.props[AUTHORIZABLES.idProperty] === id) return path;
  }
  return undefined;
}

/** Creates a user under `folder` with an Oak-style node name; answers its path. */
export function createAuthorizable(
  tx: RepositoryTransaction,
  folder: string,
  id: string,
  type: 'rep:User' | 'rep:SystemUser',
  props: Record<string, string> = {},
): string {
  tx.ensure(folder, 'rep:AuthorizableFolder', 'rep:AuthorizableFolder');
  const path = `${folder}/${oakNodeName()}`;
  tx.setProps(path, { 'jcr:primaryType': type, [AUTHORIZABLES.idProperty]: id, 'rep:principalName': id, ...props });
  return path;
}
