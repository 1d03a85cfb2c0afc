/** What the Felix console's printers and bundle list say: run modes, and 6.5 LTS where the product line is unclear. */
import { printerLines, runModesFromSlingSettings } from '../../../core/domain/console-printer';
import { asLts, isLtsByBundles, ltsAmbiguous, parseVersion } from '../../../core/domain/version';

test("Sling's settings printer: the run modes, in either of the console's shapes; none when the line is absent", () => {
  const lines = ['Apache Sling Settings', '', 'Sling ID = 1234', 'Run Modes = [publish, crx3, nosamplecontent]'];
  expect(runModesFromSlingSettings(lines)).toEqual(['publish', 'crx3', 'nosamplecontent']);
  expect(runModesFromSlingSettings({ value: lines })).toEqual(['publish', 'crx3', 'nosamplecontent']);
  expect(runModesFromSlingSettings(['Run Modes = []'])).toEqual([]);
  expect(runModesFromSlingSettings(['Sling ID = 1'])).toBeUndefined();
  expect(runModesFromSlingSettings('<html>')).toBeUndefined();
  expect(printerLines({ value: [1, 'a'] })).toEqual(['1', 'a']);
});

test('only a low 6.5 number without the word LTS is ambiguous', () => {
  expect(ltsAmbiguous('6.5.2.0')).toBe(true);
  expect(ltsAmbiguous('6.5.9.0')).toBe(true);
  expect(ltsAmbiguous('6.5.17.0')).toBe(false);
  expect(ltsAmbiguous('6.5.21.0')).toBe(false);
  expect(ltsAmbiguous('6.5.2 LTS')).toBe(false);
  expect(ltsAmbiguous('6.6.2')).toBe(false);
  expect(parseVersion(asLts('6.5.2.0'))).toEqual([6, 6, 2, 0]);
});

test('6.5 LTS by its bundles: Oak 1.60 or later, or a V660 qualifier; classic 6.5 by Oak 1.22 and CQ650; unknown without Oak', () => {
  const oak = (version: string) => ({ symbolicName: 'org.apache.jackrabbit.oak-core', version });
  expect(isLtsByBundles([oak('1.88.0')])).toBe(true);
  expect(isLtsByBundles([oak('1.22.20'), { symbolicName: 'com.adobe.granite.auth.oauth', version: '1.10.32.CQ650-B0001' }])).toBe(false);
  expect(isLtsByBundles([{ symbolicName: 'x', version: '1.0.0.V660' }])).toBe(true);
  expect(isLtsByBundles([{ symbolicName: 'x', version: '1.0.0' }])).toBeUndefined();
});
