/**
 * What an administrator does to a cluster before configuring lazy pulling, through the API as
 * `oc` would: create a custom pool, and install stargz-store on a pool with the install guide's
 * MachineConfig. The simulated MCO is then driven until it has rolled the change out.
 */
import { stargzStoreMachineConfig } from '../../dev/simulated-cluster/storage-plugins';
import { API, expect, type ApiClient } from './fixtures';

/** Applies stargz-store's MachineConfig for a role and lets the MCO roll it out. */
export const installStargzStore = async (api: ApiClient, role: string): Promise<void> => {
  const created = await api.send('POST', API.machineConfigs, stargzStoreMachineConfig(role));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await api.mco('settle')).busy).toBe(false);
};

/**
 * A custom pool as Red Hat's documentation creates one (its own role and worker's
 * MachineConfigs, a node role label, no labels of its own), with `count` worker nodes moved into
 * it; returns their names.
 */
export const createCustomPool = async (
  api: ApiClient,
  name: string,
  count: number,
): Promise<string[]> => {
  const workers = await api.read<{ items: { metadata: { name: string } }[] }>(
    `${API.nodes}?labelSelector=${encodeURIComponent('node-role.kubernetes.io/worker,!node-role.kubernetes.io/gpu')}`,
  );
  const nodes = workers.items.slice(0, count).map((n) => n.metadata.name);
  expect(nodes).toHaveLength(count);
  for (const node of nodes) {
    const patched = await api.send(
      'PATCH',
      `${API.nodes}/${node}`,
      { metadata: { labels: { [`node-role.kubernetes.io/${name}`]: '' } } },
      'application/merge-patch+json',
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  }
  const pool = await api.send('POST', API.pools, {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfigPool',
    metadata: { name },
    spec: {
      machineConfigSelector: {
        matchExpressions: [
          {
            key: 'machineconfiguration.openshift.io/role',
            operator: 'In',
            values: ['worker', name],
          },
        ],
      },
      nodeSelector: { matchLabels: { [`node-role.kubernetes.io/${name}`]: '' } },
    },
  });
  expect(pool.status, JSON.stringify(pool.body)).toBe(201);
  expect((await api.mco('settle')).busy).toBe(false);
  return nodes;
};
