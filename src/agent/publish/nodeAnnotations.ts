/**
 * Reading and writing the agent's two annotations on its own Node. The write is a JSON merge
 * patch that names only those two keys, so it can neither touch nor race with anything else on
 * the Node (no resourceVersion needed, nothing read-modify-written).
 */
import {
  HEALTH_ANNOTATION,
  type LazyPullHealth,
  REPORT_ANNOTATION,
} from '../../core/health/report';
import type { KubeApiTarget } from '../config';
import { kubeRequest, type KubeResponse } from './kubeApiClient';

export const MERGE_PATCH_CONTENT_TYPE = 'application/merge-patch+json';
export const FIELD_MANAGER = 'lazy-pull-agent';

export type ApiOutcome =
  { ok: true } | { ok: false; status?: number; retryAfter?: string; error: string };

export const nodePath = (nodeName: string): string =>
  `/api/v1/nodes/${encodeURIComponent(nodeName)}`;

export const annotationPatch = (health: LazyPullHealth, reportJson: string): string =>
  JSON.stringify({
    metadata: { annotations: { [HEALTH_ANNOTATION]: health, [REPORT_ANNOTATION]: reportJson } },
  });

const failureOf = (response: KubeResponse): ApiOutcome => {
  const retryAfter = response.headers['retry-after'];
  let detail = response.body.slice(0, 300);
  try {
    const status = JSON.parse(response.body) as { message?: unknown };
    if (typeof status.message === 'string') detail = status.message;
  } catch {
    // Not a Status object: keep the start of the body.
  }
  return {
    ok: false,
    status: response.status,
    ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
    error: `HTTP ${response.status}: ${detail}`,
  };
};

export const patchNodeAnnotations = async (
  target: KubeApiTarget,
  nodeName: string,
  health: LazyPullHealth,
  reportJson: string,
): Promise<ApiOutcome> => {
  try {
    const response = await kubeRequest(target, {
      method: 'PATCH',
      path: `${nodePath(nodeName)}?fieldManager=${FIELD_MANAGER}`,
      body: annotationPatch(health, reportJson),
      contentType: MERGE_PATCH_CONTENT_TYPE,
    });
    return response.status >= 200 && response.status < 300 ? { ok: true } : failureOf(response);
  } catch (error) {
    return { ok: false, error: `network: ${(error as Error).message}` };
  }
};

/** The Node's current annotations, or undefined when they cannot be read (then the agent just writes). */
export const readNodeAnnotations = async (
  target: KubeApiTarget,
  nodeName: string,
): Promise<Record<string, string> | undefined> => {
  try {
    const response = await kubeRequest(target, { method: 'GET', path: nodePath(nodeName) });
    if (response.status !== 200) return undefined;
    const node = JSON.parse(response.body) as {
      metadata?: { annotations?: Record<string, string> };
    };
    return node.metadata?.annotations ?? {};
  } catch {
    return undefined;
  }
};
