import type { SeededRandom } from './random';

/**
 * The `status.images` lists of seeded nodes. A real node lists up to 50 images (the kubelet's
 * default cap), largest first: mostly release-payload images by digest, plus the workloads' own.
 * That list is most of a Node's bytes, and the reason a metadata-only node list is so much
 * smaller than a full one.
 *
 * A few list variants per role are built once and shared by many nodes: the store never mutates a
 * stored object, so sharing is safe and keeps a 5,000-node cluster cheap to seed.
 */

export interface ContainerImage {
  names: string[];
  sizeBytes: number;
}

export type ImageRole = 'master' | 'worker' | 'gpu';

const RELEASE_REPO = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev';

const APP_IMAGES = [
  'registry.redhat.io/ubi9/ubi',
  'registry.redhat.io/ubi9/nodejs-20',
  'registry.redhat.io/ubi9/python-311',
  'registry.redhat.io/ubi9/openjdk-21',
  'registry.redhat.io/rhel9/postgresql-16',
  'registry.redhat.io/rhel9/redis-7',
  'quay.io/example/payments-api',
  'quay.io/example/orders-worker',
  'quay.io/example/catalog-web',
  'quay.io/example/search-indexer',
  'docker.io/library/nginx',
  'docker.io/library/busybox',
];

const GPU_IMAGES = [
  'nvcr.io/nvidia/gpu-operator',
  'nvcr.io/nvidia/driver',
  'nvcr.io/nvidia/k8s/container-toolkit',
  'nvcr.io/nvidia/k8s-device-plugin',
  'nvcr.io/nvidia/k8s/dcgm-exporter',
  'nvcr.io/nvidia/cloud-native/gpu-feature-discovery',
  'nvcr.io/nvidia/pytorch',
  'nvcr.io/nvidia/tritonserver',
  'registry.example.com/ml/vllm-openai',
  'registry.example.com/ml/llama-finetune',
];

const MAX_NODE_IMAGES = 50;
const VARIANTS_PER_ROLE = 8;

export class NodeImageCatalog {
  private readonly variants: Record<ImageRole, ContainerImage[][]>;

  constructor(rng: SeededRandom) {
    const release = Array.from({ length: 70 }, () => ({
      names: [`${RELEASE_REPO}@sha256:${rng.hex(64)}`],
      sizeBytes: rng.int(250, 1400) * 1_000_000 + rng.int(0, 999_999),
    }));
    const tagged = (repo: string, minMb: number, maxMb: number): ContainerImage => ({
      names: [
        `${repo}@sha256:${rng.hex(64)}`,
        `${repo}:${rng.int(1, 9)}.${rng.int(0, 20)}.${rng.int(0, 9)}`,
      ],
      sizeBytes: rng.int(minMb, maxMb) * 1_000_000 + rng.int(0, 999_999),
    });
    const apps = APP_IMAGES.flatMap((repo) => [tagged(repo, 40, 900), tagged(repo, 40, 900)]);
    const gpu = GPU_IMAGES.flatMap((repo) => [
      tagged(repo, 800, 19_000),
      tagged(repo, 800, 19_000),
    ]);
    const build = (
      releaseCount: number,
      extra: ContainerImage[],
      extraCount: number,
    ): ContainerImage[] => {
      const chosen = new Set<ContainerImage>();
      while (chosen.size < releaseCount) chosen.add(rng.pick(release));
      while (chosen.size < releaseCount + extraCount) chosen.add(rng.pick(extra));
      return [...chosen].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, MAX_NODE_IMAGES);
    };
    const variants = (releaseCount: number, extra: ContainerImage[], extraCount: number) =>
      Array.from({ length: VARIANTS_PER_ROLE }, () => build(releaseCount, extra, extraCount));
    this.variants = {
      master: variants(46, apps, 4),
      worker: variants(30, apps, 20),
      gpu: variants(24, [...gpu, ...apps], 26),
    };
  }

  imagesFor(role: ImageRole, index: number): ContainerImage[] {
    const list = this.variants[role];
    return list[index % list.length];
  }
}
