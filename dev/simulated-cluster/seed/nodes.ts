import { kubeTimestamp } from '../clock';
import type { KubeObject } from '../kube-object';
import { settledAnnotations } from '../node-updates';
import { ROLE_NODE_LABEL_PREFIX } from '../pools';
import type { NodeImageCatalog } from './node-images';
import type { SeededRandom } from './random';

/**
 * Node objects as an OpenShift 4.22 cluster on AWS has them: cloud and topology labels, the
 * OVN-Kubernetes and MCO annotations, capacity, conditions, node info and the image list.
 */

export type NodeRole = 'master' | 'worker' | 'gpu';

export const CLUSTER_ID = 'devcluster-7x2kq';
const REGION = 'us-east-2';
const ZONES = ['a', 'b', 'c'];
const KUBELET_VERSION = 'v1.35.2';
const CRIO_VERSION = 'cri-o://1.35.1-2.rhaos4.22.git8d1f2a3.el9';
const OS_IMAGE = 'Red Hat Enterprise Linux CoreOS 9.6.20260210-0 (Plow)';
const KERNEL = '5.14.0-570.52.1.el9_6.x86_64';

interface InstanceType {
  name: string;
  cpu: number;
  memoryKi: number;
  gpus?: number;
}

const INSTANCE_TYPES: Record<NodeRole, InstanceType> = {
  master: { name: 'm6i.2xlarge', cpu: 8, memoryKi: 32_288_128 },
  worker: { name: 'm6i.4xlarge', cpu: 16, memoryKi: 64_960_524 },
  gpu: { name: 'p4d.24xlarge', cpu: 96, memoryKi: 1_176_232_960, gpus: 8 },
};

/** The /24 each role's addresses start in: masters 10.0.0.x, workers 10.0.32.x on, GPU nodes 10.0.96.x on. */
const SUBNET_BASE: Record<NodeRole, number> = { master: 0, worker: 32, gpu: 96 };

export interface NodeSeed {
  role: NodeRole;
  /** Index within the role. */
  index: number;
  /** Index among all nodes (unique: node IDs, pod subnets). */
  globalIndex: number;
  renderedConfig: string;
  now: Date;
  rng: SeededRandom;
  images: NodeImageCatalog;
}

export const nodeAddress = (role: NodeRole, index: number): string => {
  const n = index + 10;
  return `10.0.${SUBNET_BASE[role] + (n >> 8)}.${n & 255}`;
};

export const nodeName = (role: NodeRole, index: number): string =>
  `ip-${nodeAddress(role, index).replace(/\./g, '-')}.${REGION}.compute.internal`;

const daysAgo = (now: Date, days: number): string =>
  kubeTimestamp(new Date(now.getTime() - days * 86_400_000));

const condition = (
  type: string,
  status: string,
  reason: string,
  message: string,
  heartbeat: string,
  transition: string,
) => ({
  type,
  status,
  lastHeartbeatTime: heartbeat,
  lastTransitionTime: transition,
  reason,
  message,
});

export const buildNode = (seed: NodeSeed): KubeObject => {
  const { role, index, globalIndex, renderedConfig, now, rng } = seed;
  const name = nodeName(role, index);
  const ip = nodeAddress(role, index);
  const zone = `${REGION}${ZONES[index % ZONES.length]}`;
  const instance = INSTANCE_TYPES[role];
  const instanceId = `i-0${rng.hex(16)}`;
  const created = daysAgo(now, role === 'master' ? 180 : rng.int(3, 150));
  const heartbeat = kubeTimestamp(new Date(now.getTime() - rng.int(0, 40) * 1000));
  const subnet = `10.${128 + (globalIndex >> 7)}.${(globalIndex & 127) * 2}.0/23`;
  const machineSet =
    role === 'master'
      ? `${CLUSTER_ID}-master-${index}`
      : `${CLUSTER_ID}-${role}-${zone}-${rng.hex(5)}`;

  const roleLabels: Record<string, string> =
    role === 'master'
      ? { [`${ROLE_NODE_LABEL_PREFIX}control-plane`]: '', [`${ROLE_NODE_LABEL_PREFIX}master`]: '' }
      : role === 'gpu'
        ? {
            [`${ROLE_NODE_LABEL_PREFIX}worker`]: '',
            [`${ROLE_NODE_LABEL_PREFIX}gpu`]: '',
            'nvidia.com/gpu.present': 'true',
            'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB',
            'nvidia.com/gpu.count': String(instance.gpus),
          }
        : { [`${ROLE_NODE_LABEL_PREFIX}worker`]: '' };

  const capacity: Record<string, string> = {
    cpu: String(instance.cpu),
    'ephemeral-storage': '125293548Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${instance.memoryKi}Ki`,
    pods: '250',
    ...(instance.gpus ? { 'nvidia.com/gpu': String(instance.gpus) } : {}),
  };
  const allocatable: Record<string, string> = {
    ...capacity,
    cpu: `${instance.cpu * 1000 - 500}m`,
    'ephemeral-storage': '114396791822',
    memory: `${instance.memoryKi - 1_153_024}Ki`,
  };

  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      creationTimestamp: created,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/instance-type': instance.name,
        'beta.kubernetes.io/os': 'linux',
        'failure-domain.beta.kubernetes.io/region': REGION,
        'failure-domain.beta.kubernetes.io/zone': zone,
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name.split('.')[0],
        'kubernetes.io/os': 'linux',
        ...roleLabels,
        'node.kubernetes.io/instance-type': instance.name,
        'node.openshift.io/os_id': 'rhel',
        'topology.ebs.csi.aws.com/zone': zone,
        'topology.k8s.aws/zone-id': `use2-az${(index % ZONES.length) + 1}`,
        'topology.kubernetes.io/region': REGION,
        'topology.kubernetes.io/zone': zone,
      },
      annotations: {
        'cloud.network.openshift.io/egress-ipconfig': JSON.stringify([
          {
            interface: `eni-0${rng.hex(16)}`,
            ifaddr: { ipv4: `10.0.${SUBNET_BASE[role]}.0/19` },
            capacity: { ipv4: 14, ipv6: 15 },
          },
        ]),
        'csi.volume.kubernetes.io/nodeid': JSON.stringify({ 'ebs.csi.aws.com': instanceId }),
        'k8s.ovn.org/host-cidrs': JSON.stringify([`${ip}/19`]),
        'k8s.ovn.org/l3-gateway-config': JSON.stringify({
          default: {
            mode: 'shared',
            'bridge-id': 'br-ex',
            'interface-id': `br-ex_${name}`,
            'mac-address': `0e:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}`,
            'ip-addresses': [`${ip}/19`],
            'ip-address': `${ip}/19`,
            'next-hops': [`10.0.${SUBNET_BASE[role]}.1`],
            'next-hop': `10.0.${SUBNET_BASE[role]}.1`,
            'node-port-enable': 'true',
            'vlan-id': '0',
          },
        }),
        'k8s.ovn.org/node-chassis-id': rng.uuid(),
        'k8s.ovn.org/node-encap-ips': JSON.stringify([ip]),
        'k8s.ovn.org/node-gateway-router-lrp-ifaddrs': JSON.stringify({
          default: { ipv4: `100.64.${(globalIndex + 2) >> 8}.${(globalIndex + 2) & 255}/16` },
        }),
        'k8s.ovn.org/node-id': String(globalIndex + 2),
        'k8s.ovn.org/node-masquerade-subnet': JSON.stringify({
          ipv4: '169.254.0.0/17',
          ipv6: 'fd69::/112',
        }),
        'k8s.ovn.org/node-primary-ifaddr': JSON.stringify({ ipv4: `${ip}/19` }),
        'k8s.ovn.org/node-subnets': JSON.stringify({ default: [subnet] }),
        'k8s.ovn.org/node-transit-switch-port-ifaddr': JSON.stringify({
          ipv4: `100.88.${(globalIndex + 2) >> 8}.${(globalIndex + 2) & 255}/16`,
        }),
        'k8s.ovn.org/remote-zone-migrated': name,
        'k8s.ovn.org/zone-name': name,
        'machine.openshift.io/machine': `openshift-machine-api/${machineSet}`,
        'machineconfiguration.openshift.io/controlPlaneTopology': 'HighlyAvailable',
        'machineconfiguration.openshift.io/lastObservedServerCAAnnotation': 'false',
        'machineconfiguration.openshift.io/lastSyncedControllerConfigResourceVersion': String(
          20_000 + rng.int(0, 9_999),
        ),
        'machineconfiguration.openshift.io/post-config-action': '',
        ...settledAnnotations(renderedConfig),
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      providerID: `aws:///${zone}/${instanceId}`,
      ...(role === 'master'
        ? { taints: [{ key: `${ROLE_NODE_LABEL_PREFIX}master`, effect: 'NoSchedule' }] }
        : {}),
      ...(role === 'gpu'
        ? { taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }] }
        : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
        { type: 'InternalDNS', address: name },
      ],
      allocatable,
      capacity,
      conditions: [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
          heartbeat,
          created,
        ),
        condition(
          'DiskPressure',
          'False',
          'KubeletHasNoDiskPressure',
          'kubelet has no disk pressure',
          heartbeat,
          created,
        ),
        condition(
          'PIDPressure',
          'False',
          'KubeletHasSufficientPID',
          'kubelet has sufficient PID available',
          heartbeat,
          created,
        ),
        condition(
          'Ready',
          'True',
          'KubeletReady',
          'kubelet is posting ready status',
          heartbeat,
          daysAgo(now, rng.int(1, 20)),
        ),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      features: { supplementalGroupsPolicy: true },
      images: seed.images.imagesFor(role, index),
      nodeInfo: {
        architecture: 'amd64',
        bootID: rng.uuid(),
        containerRuntimeVersion: CRIO_VERSION,
        kernelVersion: KERNEL,
        kubeProxyVersion: '',
        kubeletVersion: KUBELET_VERSION,
        machineID: rng.hex(32),
        operatingSystem: 'linux',
        osImage: OS_IMAGE,
        systemUUID: `ec2${rng.hex(5)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
      },
      runtimeHandlers: [
        { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: 'crun' },
        { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: 'runc' },
        { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: '' },
      ],
    },
  };
};
