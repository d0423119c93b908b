/**
 * The overlays are where an admin sets the images (docs/install.md): every entry of their
 * `images:` stanza must reach a container, all in one placeholder style, and no container may
 * keep an image the stanza does not set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderKustomize, REPO_DIR, type K8sObject } from '../__test-support__/kustomize';

interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

const OVERLAYS = ['deploy/overlays/plugin-and-agent', 'deploy/overlays/plugin-only'];
const PLACEHOLDER_REGISTRY = 'registry.example.com/lazy-pull/';

const imagesOf = (dir: string): ImageEntry[] =>
  (
    parse(readFileSync(join(REPO_DIR, dir, 'kustomization.yaml'), 'utf8')) as {
      images?: ImageEntry[];
    }
  ).images ?? [];

const containerImages = (objects: readonly K8sObject[]): string[] =>
  objects.flatMap((o) => {
    const pod = (
      o.spec as
        | {
            template?: {
              spec?: { containers?: { image?: string }[]; initContainers?: { image?: string }[] };
            };
          }
        | undefined
    )?.template?.spec;
    return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]
      .map((c) => c.image)
      .filter((i): i is string => typeof i === 'string');
  });

const target = (e: ImageEntry) =>
  `${e.newName ?? e.name}${e.digest ? `@${e.digest}` : e.newTag ? `:${e.newTag}` : ''}`;

describe.each(OVERLAYS)('%s', (dir) => {
  it('sets every image it deploys, each entry reaching a container', () => {
    const entries = imagesOf(dir);
    const images = containerImages(renderKustomize(dir)).sort();
    expect(images).toEqual(entries.map(target).sort());
  });

  it('writes its placeholders in one style', () => {
    for (const entry of imagesOf(dir))
      expect(entry.newName).toMatch(new RegExp(`^${PLACEHOLDER_REGISTRY}`));
  });
});
