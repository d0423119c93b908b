/**
 * The simulated cluster on its own, for trying it with curl:
 *
 *   npx tsx dev/simulated-cluster/serve.ts --port 9001 --nodes 50 [--seed 1] [--gate off] [--persona read-only]
 *   curl -s localhost:9001/api/kubernetes/apis/machineconfiguration.openshift.io/v1/machineconfigpools
 *   curl -s -H 'Accept: application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1' \
 *     localhost:9001/api/kubernetes/api/v1/nodes
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createSimulatedCluster } from './index';
import { isPersonaName } from './personas';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9001' },
    host: { type: 'string', default: '127.0.0.1' },
    nodes: { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    gate: { type: 'string', default: 'on' },
    persona: { type: 'string', default: 'admin' },
    'step-ms': { type: 'string', default: '1500' },
  },
});

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};

const nodes = Number(values.nodes);
if (!Number.isInteger(nodes) || nodes < 0)
  fail(`--nodes must be a non-negative integer, not ${values.nodes}`);
if (values.gate !== 'on' && values.gate !== 'off') fail('--gate must be on or off');
const persona = values.persona;
if (!isPersonaName(persona)) fail('--persona must be admin or read-only');

const started = process.hrtime.bigint();
const cluster = createSimulatedCluster({
  nodes,
  seed: Number(values.seed),
  storageGateEnabled: values.gate === 'on',
  persona: isPersonaName(persona) ? persona : 'admin',
  mco: { stepIntervalMs: Number(values['step-ms']) },
});
const seedMs = Number(process.hrtime.bigint() - started) / 1e6;
const sizes = cluster.nodeListSizes();

const server = createServer((req, res) => {
  if (!cluster.handleRequest(req, res)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found: the simulated cluster serves /api/kubernetes/… and /api/dev/…\n');
  }
});
server.on('upgrade', (req, socket, head) => {
  if (!cluster.handleUpgrade(req, socket, head)) socket.destroy();
});
server.listen(Number(values.port), values.host, () => {
  const { masters, workers, gpuNodes } = cluster.seeded;
  process.stdout.write(
    [
      `simulated cluster on http://${values.host}:${values.port}/api/kubernetes`,
      `  nodes: ${masters} control plane, ${workers} worker, ${gpuNodes} gpu (seeded in ${seedMs.toFixed(0)} ms)`,
      `  node list: ${sizes.fullBytes} bytes full, ${sizes.metadataOnlyBytes} bytes metadata-only (ratio ${sizes.ratio.toFixed(3)})`,
      `  AdditionalStorageConfig ${cluster.storageGateEnabled() ? 'on' : 'off'}, persona ${cluster.persona().name}`,
      `  dev controls: /api/dev/persona, /api/dev/feature-gate, /api/dev/node-list-sizes, /api/dev/mco`,
      '',
    ].join('\n'),
  );
});

const shutdown = (): void => {
  cluster.close();
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
