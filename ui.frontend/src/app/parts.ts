/**
 * Parts: code only some visits need (a step's form, the reset, the reports) is built apart from
 * the page's bundle (webpack's "parts" build, one entry per line of parts.json) and fetched from
 * the clientlib's resources the first time it is needed. The up-front bundle then holds what
 * shows where the setup stands.
 *
 * A part carries its own copy of the code it uses. Nothing in that code keeps state: what belongs
 * to the author (the CSRF token, the timeout, the endpoint map in force, the lookups) is in the
 * page's AEM session, which a part gets with the page context (PageContext.session), and errors
 * are told apart by name (isAemError), so the page's and a part's copies understand each other.
 *
 * webpack chunks would share modules too, but each shared module then leaves the page's scope-
 * hoisted bundle and costs more bytes up front than the chunk saves.
 */
import { CLIENTLIB_RESOURCES } from '../../../core/contract/aem-names';
import PART_FILES from './parts.json';
import type * as ImsAccountFormPart from '../features/ims-account/ims-account-form';
import type * as BrandPortalFormPart from '../features/brand-portal/brand-portal-form';
import type * as ResetPart from '../features/brand-portal/reset';
import type * as ImsDuplicatesPart from '../features/ims-account/ims-duplicates';
import type * as SummaryPart from '../features/whole-setup/summary';
import type * as DiagnosticsPart from '../features/whole-setup/diagnostics-panel';
import type * as CertificateWorkPart from '../features/certificate/certificate-work';
import type * as HealthFailurePart from '../features/health/health-failure';
import type * as OverridesPart from '../features/prerequisites/overrides';
import type * as OrphanRemovalPart from '../features/agents/orphan-removal';
import type * as AgentChangePart from '../features/agents/agent-change';

export interface Parts {
  'ims-account-form': typeof ImsAccountFormPart;
  'brand-portal-form': typeof BrandPortalFormPart;
  reset: typeof ResetPart;
  'ims-duplicates': typeof ImsDuplicatesPart;
  summary: typeof SummaryPart;
  diagnostics: typeof DiagnosticsPart;
  'certificate-work': typeof CertificateWorkPart;
  'health-failure': typeof HealthFailurePart;
  overrides: typeof OverridesPart;
  'orphan-removal': typeof OrphanRemovalPart;
  'agent-change': typeof AgentChangePart;
}
export type PartName = keyof Parts;

declare global {
  interface Window {
    /** Where each part's script puts its exports (webpack's library output: window.__bpsetupParts[name]). */
    __bpsetupParts?: Partial<Parts>;
  }
  /** Defined (true) by the page's webpack build; absent where the sources run as they are (Jest). */
  const __BPSETUP_PARTS__: boolean | undefined;
}

/** The clientlib's resources folder, through AEM's proxy (and its context path). */
export const resourcesUrl = (): string => window.Granite?.HTTP?.externalize(CLIENTLIB_RESOURCES) ?? CLIENTLIB_RESOURCES;

/** Each part's module, from the sources folder (parts.json, which the parts build reads too). */
export const PART_MODULES: Readonly<Record<PartName, string>> = PART_FILES;
/** parts.json names exactly the parts typed above: a name missing from either fails to compile. */
const sameNames: [keyof typeof PART_FILES] extends [PartName] ? ([PartName] extends [keyof typeof PART_FILES] ? true : never) : never =
  true;
void sameNames;

/**
 * Where the sources run unbuilt (Jest), a part is the module itself. In the page's build the
 * condition is a constant, so webpack drops this import instead of making chunks of it.
 */
const inProcess =
  typeof __BPSETUP_PARTS__ === 'undefined'
    ? <N extends PartName>(name: N) => import(`../${PART_MODULES[name]}`) as Promise<Parts[N]>
    : undefined;

/**
 * The part, fetched by a script element (allowed by a `script-src 'self'` policy). Callers ask
 * through `onDemand` (ui/on-demand.ts), which asks once per part and again after a failure.
 */
export function loadPart<N extends PartName>(name: N): Promise<Parts[N]> {
  if (inProcess) return inProcess(name);
  const loaded = window.__bpsetupParts?.[name];
  if (loaded) return Promise.resolve(loaded as Parts[N]);
  return new Promise<Parts[N]>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${resourcesUrl()}parts/${name}.js`;
    script.async = true;
    script.onload = () => {
      const part = window.__bpsetupParts?.[name];
      if (part) resolve(part as Parts[N]);
      else reject(new Error(`${script.src} did not register the part "${name}"`));
    };
    script.onerror = () => {
      script.remove();
      reject(new Error(`Could not fetch ${script.src}`));
    };
    document.head.appendChild(script);
  });
}
