/** Asset contribution readiness: the version gates, the feature flag and its default, and what cannot be read. */
import { contributionReadiness, flagValueOf } from '../../../core/domain/contribution';

const ids = (version: string | undefined, flag: Parameters<typeof contributionReadiness>[1]) =>
  contributionReadiness(version, flag).problems.map((p) => p.id);

test('version gates: before 6.5.2 none, 6.5.4 broken imports, 6.5.5 and later fine', () => {
  expect(ids('6.5.1.0', {})).toEqual(['contribution-version']);
  expect(ids('6.5.4.0', { stored: true })).toEqual(['contribution-654']);
  expect(ids('6.5.5.0', { stored: true })).toEqual([]);
  expect(contributionReadiness(undefined, { stored: true }).lines[0].state).toBe('unknown');
});

test('the flag: stored values count; absent means on from 6.5.9 and off before; unread is said, never guessed', () => {
  expect(ids('6.5.8.0', {})).toEqual(['contribution-flag-off']);
  expect(ids('6.5.9.0', {})).toEqual([]);
  expect(ids('6.5.21.0', { stored: false })).toEqual(['contribution-flag-off']);
  expect(ids('6.5.8.0', { stored: true })).toEqual([]);
  const unread = contributionReadiness('6.5.21.0', { unread: true });
  expect(unread.problems).toEqual([]);
  expect(unread.lines[1]).toMatchObject({ state: 'unknown', text: expect.stringContaining('administrators only') });
  // Every answer says what the page cannot read.
  expect(unread.lines[unread.lines.length - 1].text).toContain('import jobs');
  expect(contributionReadiness('6.5.21.0', {}).problems.every((p) => p.severity === 'warning')).toBe(true);
});

test('the stored flag, as the configuration manager shows it', () => {
  expect(flagValueOf(undefined)).toBeUndefined();
  expect(flagValueOf({})).toBeUndefined();
  expect(flagValueOf({ 'feature.flag.active.status': true })).toBe(true);
  expect(flagValueOf({ 'feature.flag.active.status': 'false' })).toBe(false);
  expect(flagValueOf({ 'feature.flag.active.status': ['true'] })).toBe(true);
});
