/** The keeper rule's link target and the agents it heals: pure, over configurations as listed. */
import { keeperOf, linkTarget } from '../../../core/domain/ims-keeper';
import { agentsOfGoneProvider } from '../../../core/domain/agents';
import type { ImsConfig } from '../../../core/domain/types';

const config = (id: string, created?: string): ImsConfig => ({
  id,
  pid: `com.adobe.granite.auth.oauth.accesstoken.provider.${id}`,
  file: `com.adobe.granite.auth.oauth.accesstoken.provider.${id}.config`,
  name: `name-${id}`,
  title: `Brand Portal ${id}`,
  clientId: 'c',
  authType: 'oauth',
  ...(created && { created }),
});
const older = config('b', 'Mon Dec 07 2026 10:00:00 GMT+0000');
const newer = config('a', 'Mon Dec 07 2026 10:00:01 GMT+0000');

test('the chosen configuration while it is there, by id or PID, even when an older one exists', () => {
  expect(linkTarget([older, newer], 'a', [older, newer])).toBe(newer);
  expect(linkTarget([older, newer], newer.pid, [older, newer])).toBe(newer);
});

test('once the chosen one is gone: the keeper of the candidates (oldest, then smallest id); none when none is left', () => {
  expect(linkTarget([newer, older], 'gone', [newer, older])).toBe(older);
  expect(keeperOf([config('z'), config('y')]).id).toBe('y');
  expect(linkTarget([], 'gone', [])).toBeUndefined();
});

test('agents whose provider names no listed configuration, by any name AEM may store', () => {
  const agents = [undefined, older.id, older.pid, older.name, older.title, 'deleted'].map((tokenProviderName, i) => ({
    name: `agent${i}`,
    ...(tokenProviderName && { tokenProviderName }),
  }));
  expect(agentsOfGoneProvider(agents, [older]).map((a) => a.name)).toEqual(['agent5']);
  expect(agentsOfGoneProvider(agents, []).map((a) => a.name)).toEqual(['agent1', 'agent2', 'agent3', 'agent4', 'agent5']);
});
