/**
 * What one `setup` (or `migrate`) run shares between its steps: the options, how a step stops the
 * run with a plain-language failure, and how a write is listed before it is made (or only listed,
 * with --dry-run).
 */
import type { Difference, HostFailure } from '../host-result';
import type { SetupConfig } from '../setup-config';

export interface SetupOptions {
  config: SetupConfig;
  clientSecret: string;
  dryRun: boolean;
  /** Send the secret again even when everything else matches (a rotated secret). */
  updateSecret: boolean;
  /** The author publishes to another tenant, and the admin says to replace it (never done unasked). */
  replaceTenant?: boolean;
  progress: (text: string) => void;
  /** Set on the one fresh start after another run created the IMS configuration first. */
  startedAgain?: boolean;
}

/** The change a run lists when it creates the IMS configuration. */
export const CREATE_IMS = 'create the IMS configuration';

/** A step's stop: the run ends with this failure (exit 1), nothing more is written. */
export class Stop extends Error {
  constructor(readonly failure: HostFailure) {
    super(failure.title);
  }
}

/** Lists a write, then makes it (or, in a dry run, only lists it). */
export type Act = <T>(action: string, path: string, write: () => Promise<T>, differences?: Difference[]) => Promise<T | undefined>;
