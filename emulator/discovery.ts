/**
 * Sling's Oak discovery as the repository shows it: one node per instance of the cluster under
 * /var/discovery/oak/clusterInstances, named by its Sling ID. A single author lists itself; the
 * emulator's --cluster-peers adds the others of a cluster (which a real cluster writes there itself).
 */
import { ENDPOINTS } from '../core/contract/endpoints';
import type { EmulatorOptions } from './context';
import type { Repository } from './store';

const CLUSTER_INSTANCES = ENDPOINTS.clusterInstances.path.replace(/\.1\.json$/, '');

export function writeClusterInstances(repo: Repository, options: Pick<EmulatorOptions, 'slingId' | 'clusterPeers'>): void {
  repo.change((tx) => {
    tx.ensure(CLUSTER_INSTANCES);
    [options.slingId, ...options.clusterPeers].forEach((id, i) =>
      tx.setProps(`${CLUSTER_INSTANCES}/${id}`, {
        'jcr:primaryType': 'nt:unstructured',
        leaderElectionId: `1_${String(i).padStart(10, '0')}_${id}`,
      }),
    );
  });
}
