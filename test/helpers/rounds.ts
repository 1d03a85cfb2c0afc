/**
 * How many rounds a race or fault loop runs: a few in `npm test` (fast feedback, every behaviour
 * still exercised), many in `npm run test:soak` (BPSETUP_SOAK=1), which `.ci/run` runs after it.
 */
export const SOAK = process.env.BPSETUP_SOAK === '1';

export function rounds(quick: number, soak: number): number {
  return SOAK ? soak : quick;
}

/** The round numbers 0..n-1, for `test.each`. */
export const roundNumbers = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
