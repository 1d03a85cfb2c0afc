/**
 * What the page itself sent to AEM during a walkthrough, from the emulator's journal: not the
 * browser loading the Tools console, the page, its icon and the clientlibs. And the reads it
 * repeated with no write of its own in between (a write resets what was read).
 */
import type { JournalEntry } from '../emulator/journal';

const PAGE_LOADS = new Set(['/aem/start.html', '/apps/bpsetup/content/setup.html', '/favicon.ico']);
const isPageLoad = (r: JournalEntry) => PAGE_LOADS.has(r.path) || r.path.startsWith('/etc.clientlibs/');

export interface RequestCounts {
  /** Requests the page sent (reads and writes). */
  sent: JournalEntry[];
  writes: JournalEntry[];
  /** Reads sent again although no write of the page came between. */
  repeatedReads: JournalEntry[];
  /** Documents, icons and clientlibs the browser loaded. */
  pageLoads: number;
}

export function countRequests(journal: JournalEntry[]): RequestCounts {
  const sent = journal.filter((r) => !isPageLoad(r));
  const seen = new Set<string>();
  const repeatedReads = sent.filter((r) => {
    if (r.write) seen.clear();
    return !r.write && seen.size === seen.add(`${r.path}${r.query ?? ''}`).size;
  });
  return { sent, writes: sent.filter((r) => r.write), repeatedReads, pageLoads: journal.length - sent.length };
}
