/**
 * What each of Connect's stages does on this page, reusing the step-by-step route: step 4's save
 * (which reads the configuration back and runs Check Health), its health result, then step 6's own
 * save, wait and Test Connection. Each stage judges only what the page has read. Part of the IMS form.
 */
import type { TenantAddress } from '../../../../core/domain/tenant';
import { AGENTS } from '../../../../core/contract/aem-names';
import { t } from '../../../../core/i18n';
import { explainHealthFailure } from '../../../../core/domain/explain';
import type { ConnectOutcome, PageContext } from '../../app/port';
import type { StepId } from '../../../../core/domain/types';
import type { ConnectHost, ConnectStage, StageOutcome } from './ims-connect';

/** What the stages need from the IMS form. */
export interface ConnectForm {
  /** The page as the form last saw it (it changes after every read). */
  context(): PageContext | undefined;
  formValid(): boolean;
  /** Step 4's own save; true when the configuration was created and read back. */
  save(): Promise<boolean>;
}

/** Where each stage's failure is explained (the agents' own table is always in view). */
const STEP_THAT_SAYS_WHY: Record<ConnectStage, StepId> = {
  ims: 'imsAccount',
  token: 'health',
  cloud: 'brandPortal',
  agents: 'brandPortal',
};

export function connectStages(form: ConnectForm): ConnectHost {
  let cloud: ConnectOutcome | undefined;
  const run = async (stage: ConnectStage, address: TenantAddress): Promise<StageOutcome> => {
    const ctx = form.context();
    if (!ctx) return { ok: false };
    const id = ctx.state.brandPortalConfigs[0]?.id;
    switch (stage) {
      case 'ims':
        cloud = undefined;
        return (await form.save()) ? { ok: true } : { ok: false, detail: t('not saved: step 4 says why') };
      case 'token': {
        const health = ctx.facts.health;
        // In plain words; AEM's own text is under step 5's result, for experts.
        if (id && health?.id === id)
          return health.healthy
            ? { ok: true }
            : { ok: false, detail: t('{0}: step 5 says how to fix it', explainHealthFailure(health.message).title) };
        if (ctx.facts.healthUnavailable === true)
          return { ok: true, detail: t("Check Health cannot run on this AEM: the agents' test below proves the token") };
        return { ok: false, detail: t('Check Health gave no result: step 5 says why') };
      }
      case 'cloud': {
        if (!id) return { ok: false, detail: t('no IMS configuration to use') };
        cloud = await ctx.connectTenant(address, id);
        if (!cloud.saved) return { ok: false, detail: t('not saved: step 6 says why') };
        if (cloud.agents === undefined) return { ok: false, detail: t('saved; the agents could not be read: the agents table says why') };
        return cloud.agents === AGENTS.count
          ? { ok: true }
          : {
              ok: false,
              detail: t('{0} of {1} agents appeared: the agents table says what to do', String(cloud.agents), String(AGENTS.count)),
            };
      }
      case 'agents': {
        const connected = cloud?.connected ?? 0;
        return connected === AGENTS.count
          ? { ok: true, detail: t('{0} of {1} agents connected', String(connected), String(AGENTS.count)) }
          : {
              ok: false,
              detail: t('{0} of {1} agents connected: the agents table explains each', String(connected), String(AGENTS.count)),
            };
      }
    }
  };
  return {
    formValid: () => form.formValid(),
    run,
    keepTenant: (address) => form.context()?.keepTenant(address),
    stopped: (stage) => form.context()?.openStep(STEP_THAT_SAYS_WHY[stage]),
  };
}
