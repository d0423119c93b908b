import type { IncomingMessage, ServerResponse } from 'node:http';
import { isPlainObject } from './kube-object';
import { isPersonaName, PERSONA_NAMES, type Persona, type PersonaName } from './personas';

/**
 * Dev-only controls of the simulated cluster, outside the Kubernetes API (under /api/dev/):
 * switch the persona, turn the AdditionalStorageConfig gate on or off, read the node list sizes,
 * drive the simulated MCO by hand, and have every agent report within a while.
 *
 *   GET  /api/dev/persona               → { persona, userName, personas }
 *   PUT  /api/dev/persona {persona}     (also POST, or ?persona=)
 *   GET  /api/dev/feature-gate          → { enabled }
 *   PUT  /api/dev/feature-gate {enabled}
 *   GET  /api/dev/node-list-sizes       → { nodes, fullBytes, metadataOnlyBytes, ratio }
 *   GET  /api/dev/mco                   → { busy }
 *   POST /api/dev/mco {action: "step" | "settle"}
 *   POST /api/dev/heartbeats {withinMs} → { agents }: every reporting agent writes once, spread
 *                                        evenly over the next withinMs
 */

export const DEV_PREFIX = '/api/dev';

export interface NodeListSizes {
  nodes: number;
  /** Bytes of the full node list response. */
  fullBytes: number;
  /** Bytes of the same list as PartialObjectMetadataList. */
  metadataOnlyBytes: number;
  /** metadataOnlyBytes / fullBytes: what a metadata-only watch saves. */
  ratio: number;
}

export interface DevControls {
  persona(): Persona;
  setPersona(name: PersonaName): void;
  storageGateEnabled(): boolean;
  setStorageGateEnabled(enabled: boolean): void;
  nodeListSizes(): NodeListSizes;
  mcoBusy(): boolean;
  mcoStep(): boolean;
  mcoSettle(): number;
  heartbeatAllWithin(ms: number): number;
}

const send = (res: ServerResponse, code: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
};

const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  const parsed: unknown = JSON.parse(text);
  if (!isPlainObject(parsed)) throw new Error('expected a JSON object');
  return parsed;
};

const personaState = (controls: DevControls) => {
  const p = controls.persona();
  return { persona: p.name, userName: p.userName, personas: PERSONA_NAMES };
};

const serve = async (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  controls: DevControls,
): Promise<void> => {
  const path = url.pathname.slice(DEV_PREFIX.length);
  const method = req.method ?? 'GET';
  const write = method === 'PUT' || method === 'POST';
  if (method !== 'GET' && !write) {
    send(res, 405, { error: `${method} is not supported here` });
    return;
  }
  const body = write ? await readJson(req) : {};
  switch (path) {
    case '/persona': {
      if (write) {
        const wanted = body.persona ?? url.searchParams.get('persona');
        if (!isPersonaName(wanted)) {
          send(res, 400, { error: `persona must be one of ${PERSONA_NAMES.join(', ')}` });
          return;
        }
        controls.setPersona(wanted);
      }
      send(res, 200, personaState(controls));
      return;
    }
    case '/feature-gate': {
      if (write) {
        const query = url.searchParams.get('enabled');
        const wanted = body.enabled ?? (query === null ? undefined : query === 'true');
        if (typeof wanted !== 'boolean') {
          send(res, 400, { error: 'enabled must be true or false' });
          return;
        }
        controls.setStorageGateEnabled(wanted);
      }
      send(res, 200, { enabled: controls.storageGateEnabled() });
      return;
    }
    case '/node-list-sizes': {
      send(res, 200, controls.nodeListSizes());
      return;
    }
    case '/mco': {
      if (write) {
        if (body.action === 'step') {
          send(res, 200, { busy: controls.mcoStep() });
          return;
        }
        if (body.action === 'settle') {
          send(res, 200, { steps: controls.mcoSettle(), busy: controls.mcoBusy() });
          return;
        }
        send(res, 400, { error: 'action must be "step" or "settle"' });
        return;
      }
      send(res, 200, { busy: controls.mcoBusy() });
      return;
    }
    case '/heartbeats': {
      const within = body.withinMs;
      if (!write || typeof within !== 'number' || !Number.isInteger(within) || within < 1) {
        send(res, 400, { error: 'POST {withinMs: a positive integer}' });
        return;
      }
      send(res, 200, { agents: controls.heartbeatAllWithin(within) });
      return;
    }
    default: {
      send(res, 404, { error: `no dev endpoint ${url.pathname}` });
      return;
    }
  }
};

/** Serves /api/dev/…; false for any other path. */
export const handleDevRequest = (
  req: IncomingMessage,
  res: ServerResponse,
  controls: DevControls,
): boolean => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(`${DEV_PREFIX}/`)) return false;
  serve(req, res, url, controls).catch((err: unknown) => {
    if (!res.headersSent)
      send(res, 400, { error: err instanceof Error ? err.message : String(err) });
  });
  return true;
};
