/**
 * The request journal [contract: The emulator's control routes, journal and faults]: every request the emulator answered, so tests can
 * prove, for example, that a health check sent no write.
 */
export interface JournalEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: string;
  status: number;
  write: boolean;
  user?: string;
}

export class Journal {
  private entries: JournalEntry[] = [];
  private seq = 0;

  constructor(private readonly limit = 5000) {}

  record(entry: Omit<JournalEntry, 'seq' | 'at'>): void {
    this.entries.push({ seq: ++this.seq, at: new Date().toISOString(), ...entry });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  /** Entries after sequence number `since` (0 = all kept). */
  list(since = 0): JournalEntry[] {
    return this.entries.filter((e) => e.seq > since);
  }

  get lastSeq(): number {
    return this.seq;
  }

  clear(): void {
    this.entries = [];
  }
}
