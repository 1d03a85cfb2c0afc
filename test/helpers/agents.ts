/** A replication agent as the client lists it: enabled, Close Connection on, at its path under agents.author. */
import type { ReplicationAgent } from '../../core/domain/types';

export const replicationAgent = (name: string, transportUri: string, tokenProviderName?: string): ReplicationAgent => ({
  name,
  path: `/etc/replication/agents.author/${name}`,
  title: name,
  transportUri,
  enabled: true,
  closeConnection: true,
  triggerSpecific: true,
  ...(tokenProviderName && { tokenProviderName }),
});
