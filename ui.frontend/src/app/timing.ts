/**
 * User Timing marks the page sets: when it shows where the setup stands (every step's state read
 * from AEM), and when its six panels are built. `npm run bench` reads them; so can any browser
 * profiler on a real AEM.
 */
export const READY_MARK = 'bpsetup:ready';
export const PANELS_MARK = 'bpsetup:panels';

/** Sets a mark where the browser supports User Timing (some test DOMs do not). */
export function mark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
}
