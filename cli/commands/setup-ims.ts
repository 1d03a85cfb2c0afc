/**
 * `setup`'s first step: the one Brand Portal IMS configuration, created through the
 * one-configuration guard, updated only after the new values are proven in a candidate, marked
 * when the same credential exists under another title, or moved from JWT to OAuth (`migrate`).
 * Every save is read back; a configuration this run created whose secret got no token is removed.
 */
import type { AemClient } from '../../core/aem/client';
import { deriveSetupState, type SetupFacts } from '../../core/domain/state';
import type { ImsConfig, ImsConfigInput } from '../../core/domain/types';
import { imsDifferences, imsInputOf } from '../setup-config';
import { getsToken, proveCandidate } from './proven-update';
import { type Act, CREATE_IMS, type SetupOptions, Stop } from './setup-run';

/** The one IMS configuration, created, updated or left; answers the id of one this run created and kept. */
export async function imsStep(
  client: AemClient,
  facts: SetupFacts,
  o: SetupOptions,
  command: string,
  act: Act,
): Promise<string | undefined> {
  const state = deriveSetupState(facts);
  const bp = state.brandPortalConfigs;
  if (bp.length > 1)
    throw new Stop({
      title: `${bp.length} Brand Portal IMS configurations`,
      explanation: 'Adobe requires exactly one.',
      fix: 'Keep one in step 4 of the setup page, then run setup again.',
    });
  const existing = bp[0];
  if (command === 'migrate') {
    if (!existing)
      throw new Stop({
        title: 'No Brand Portal IMS configuration to migrate',
        explanation: 'Nothing on this author is recognised as the Brand Portal configuration.',
        fix: 'Run setup instead.',
      });
    if (existing.authType === 'oauth') return; // already migrated: nothing to write
    await act('migrate the IMS configuration to OAuth (same id)', client.session.endpoints.imsConfigUpdate.path, () =>
      provenSave(client, imsInputOf(o.config, o.clientSecret, existing.id), false),
    );
    return;
  }
  if (existing?.authType === 'jwt')
    throw new Stop({
      title: 'The Brand Portal IMS configuration uses JWT, which Adobe switched off',
      explanation: 'It cannot get tokens any more.',
      fix: 'Run "bpsetup migrate" with the same configuration file.',
    });
  if (existing) {
    const differences = imsDifferences(existing, o.config);
    if (!differences.length && !o.updateSecret) return;
    const input = imsInputOf(o.config, o.clientSecret, existing.id);
    const shown = differences.length ? differences : [{ property: 'client secret', from: '(stored)', to: '(the one given now)' }];
    await act(
      'update the IMS configuration',
      client.session.endpoints.imsConfigUpdate.path,
      async () => {
        // A configuration that works (or may: Check Health cannot say) keeps working until the new values are proven.
        if ((await getsToken(client, existing)) !== false) {
          o.progress('proving the new values in a candidate configuration');
          const failure = await proveCandidate(client, input);
          if (failure) throw new Stop(failure);
        }
        await provenSave(client, input, false);
      },
      shown,
    );
    return;
  }
  // An OAuth configuration of the same credential may exist under another title: mark it, never a second one.
  const same = facts.imsConfigs.find((c) => c.authType === 'oauth' && c.clientId === o.config.clientId && c.orgId === o.config.orgId);
  if (same) {
    await act(`mark "${same.title}" as the Brand Portal IMS configuration`, client.session.endpoints.settings.defaultPath, () =>
      client.markImsConfig(same.pid),
    );
    return;
  }
  // Through the one-configuration guard: an admin on the page may be creating one at this moment.
  return act(CREATE_IMS, client.session.endpoints.imsConfigUpdate.path, () =>
    provenSave(client, imsInputOf(o.config, o.clientSecret), true, facts),
  );
}

/** Deletes the configuration this run created, and says whether it is gone (read back). */
export async function removeCreated(client: AemClient, config: ImsConfig, act: Act): Promise<string> {
  await act('remove the IMS configuration this run created (its secret got no token)', client.session.endpoints.imsConfigDelete.path, () =>
    client.deleteImsConfigs([config.pid]),
  );
  const still = await client.listImsConfigs().then(
    (all) => all.some((c) => c.id === config.id),
    () => undefined,
  );
  if (still === false) return ' The configuration this run created was deleted again: nothing of it is left.';
  return still
    ? ' The configuration this run created could not be deleted: delete it in the Adobe IMS Configurations console.'
    : ' The configuration this run created was deleted; the list could not be read back to prove it.';
}

/**
 * Saves the IMS configuration and reads back what AEM stored (repaired through the configuration
 * manager where AEM's servlet stored something else); stops when that cannot be proven.
 */
async function provenSave(client: AemClient, input: ImsConfigInput, create: boolean, facts?: SetupFacts): Promise<string | undefined> {
  let id: string;
  let listed: ImsConfig[] | undefined;
  if (create) {
    const created = await client.createOneImsConfig(input, facts?.referencedImsIds ?? [], facts?.markedImsConfig);
    if (created.gaveWay) return undefined; // another creator's configuration stays; it is checked like any other
    ({ id, listed } = created);
  } else id = await client.saveImsConfig(input);
  const { proof } = await client.proveImsSave(input, id, create, listed);
  if (proof.kind === 'differs') {
    const left =
      proof.removed === true
        ? 'The configuration this run created was deleted again: nothing of it is left.'
        : proof.removed === false
          ? 'The configuration this run created could not be deleted: delete it in the Adobe IMS Configurations console.'
          : 'The existing configuration was left as AEM stored it.';
    throw new Stop({
      title: 'AEM stored a different IMS configuration than was sent',
      explanation: `${proof.differences.map((d) => `${d.property}: sent "${d.sent}", stored "${d.stored}"`).join('; ')}. The configuration manager could not set them. ${left}`,
      fix: "Create the configuration in AEM's Adobe IMS Configurations console (Cloud Solution: Brand Portal), or run setup as an administrator.",
    });
  }
  if (proof.kind === 'unread')
    throw new Stop({
      title: 'The saved IMS configuration could not be read back',
      explanation: 'AEM accepted the save, but what it stored could not be read to compare it with what was sent.',
      fix: 'Run "bpsetup check" to read it again.',
    });
  return create ? id : undefined;
}
