/** OSGi filter values as the OSGi Core specification writes them and Felix reads them. */
import fc from 'fast-check';
import { escapeFilterValue, parseItemFilter } from '../../../core/domain/osgi-filter';

test('an escaped value matches itself only, whatever it holds (property test)', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (value, other) => {
      const item = parseItemFilter(`(name=${escapeFilterValue(value)})`);
      expect(item?.matches(value)).toBe(true);
      expect(item?.present).toBe(false);
      if (other !== value) expect(item?.matches(other)).toBe(false);
    }),
  );
});

test("OSGi's backslash form, not LDAP's hex: \\2a is the text 2a; a bare * is a wildcard", () => {
  expect(escapeFilterValue('a*(b)\\')).toBe('a\\*\\(b\\)\\\\');
  expect(parseItemFilter('(name=\\2a)')?.matches('2a')).toBe(true);
  expect(parseItemFilter('(name=\\2a)')?.matches('*')).toBe(false);
  expect(parseItemFilter('(name=Brand*)')?.matches('Brand Portal')).toBe(true);
  expect(parseItemFilter('(name=*)')?.present).toBe(true);
  expect(parseItemFilter('(name=a)(b)')).toBeUndefined();
  expect(parseItemFilter('name=a')).toBeUndefined();
});
