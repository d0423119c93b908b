import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseContainerRuntimeConfigText, serializeManifest } from '../core/model/manifest';
import { readStoreSection } from '../core/model/storeSection';
import { storePathHint } from '../core/model/storePlugins';
import { STORE_FIELDS, type ContainerRuntimeConfig } from '../core/model/types';
import { poolFromSelector, renderForPool } from '../core/render';
import {
  blockingErrors,
  formatFieldError,
  validateContainerRuntimeConfig,
  type FieldError,
} from '../core/validation';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `usage:
  lazy-pull render FILE --out DIR [--pool NAME]
  lazy-pull validate FILE

FILE is a ContainerRuntimeConfig manifest (YAML or JSON). render writes what the Machine Config
Operator would generate for the pool: storage.conf (only when the MCO writes one),
crio.conf.d/<drop-in> for each CRI-O drop-in, and machineconfig.yaml. Invalid input exits 1 with
one "<field path>: <message>" line per problem on stderr, and nothing is written. What is valid
but likely a mistake (a field the API server drops, a plugin's root directory given as a layer
store) is printed as "warning: <field path>: <message>" and does not change the exit status.
`;

/** Exit statuses: 0 valid, 1 invalid input, 2 wrong usage. */
const EXIT_INVALID = 1;
const EXIT_USAGE = 2;

interface Args {
  command: string;
  file?: string;
  out?: string;
  pool?: string;
}

const parseArgs = (argv: string[]): Args | string => {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') return 'help';
  const args: Args = { command };
  for (let i = 0; i < rest.length; i += 1) {
    const a = rest[i];
    if (a === '--out' || a === '--pool') {
      const v = rest[i + 1];
      if (v === undefined || v.startsWith('--')) return `${a} needs a value`;
      if (a === '--out') args.out = v;
      else args.pool = v;
      i += 1;
    } else if (a.startsWith('--out=')) args.out = a.slice(6);
    else if (a.startsWith('--pool=')) args.pool = a.slice(7);
    else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (args.file === undefined) args.file = a;
    else return `unexpected argument ${a}`;
  }
  return args;
};

type Loaded =
  | { ok: true; object: Record<string, unknown>; warnings: string[] }
  | { ok: false; lines: string[] };

/** What is valid but very likely not what the user meant: pruned fields, a plugin's root dir. */
const warningsOf = (object: Record<string, unknown>, problems: FieldError[]): string[] => {
  const lines = problems.filter((p) => p.severity === 'warning').map(formatFieldError);
  const section = readStoreSection(object);
  for (const field of STORE_FIELDS) {
    section[field].forEach((path, i) => {
      const hint = storePathHint(field, path);
      if (hint) {
        lines.push(
          `spec.containerRuntimeConfig.${field}[${i}].path: ${path} is ${hint.plugin}'s root directory, not its FUSE mount point; the store path is ${hint.suggestion}`,
        );
      }
    });
  }
  return lines.map((l) => `warning: ${l}`);
};

const loadManifest = (file: string): Loaded => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(e);
    return { ok: false, lines: [`${file}: cannot read: ${why}`] };
  }
  const parsed = parseContainerRuntimeConfigText(text);
  if (!parsed.ok) {
    return {
      ok: false,
      lines: parsed.problems.map((p) => `${file}${p.line ? `:${p.line}` : ''}: ${p.message}`),
    };
  }
  const problems = validateContainerRuntimeConfig(parsed.object, { gateEnabled: true });
  const errors = blockingErrors(problems);
  if (errors.length > 0) return { ok: false, lines: errors.map(formatFieldError) };
  return { ok: true, object: parsed.object, warnings: warningsOf(parsed.object, problems) };
};

const writeFile = (path: string, contents: string): void => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, contents);
};

export const runCli = (argv: string[], io: CliIO): number => {
  const args = parseArgs(argv);
  if (args === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    io.stderr(`lazy-pull: ${args}\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (args.command !== 'render' && args.command !== 'validate') {
    io.stderr(`lazy-pull: unknown command ${args.command}\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (!args.file) {
    io.stderr(`lazy-pull: ${args.command} needs a FILE\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (args.command === 'render' && !args.out) {
    io.stderr(`lazy-pull: render needs --out DIR\n${USAGE}`);
    return EXIT_USAGE;
  }
  const loaded = loadManifest(args.file);
  if (!loaded.ok) {
    io.stderr(loaded.lines.map((l) => `${l}\n`).join(''));
    return EXIT_INVALID;
  }
  io.stderr(loaded.warnings.map((l) => `${l}\n`).join(''));
  const ctrcfg = loaded.object as unknown as ContainerRuntimeConfig;
  const pool = args.pool ?? poolFromSelector(ctrcfg.spec.machineConfigPoolSelector) ?? 'worker';
  const rendered = renderForPool(ctrcfg, pool);
  if (!rendered.ok) {
    // The validation above covers every MCO check; this is a guard, not an expected path.
    io.stderr(`spec.containerRuntimeConfig: ${rendered.error}\n`);
    return EXIT_INVALID;
  }
  if (args.command === 'validate') return 0;

  const out = args.out as string;
  if (rendered.storageConf !== null) writeFile(join(out, 'storage.conf'), rendered.storageConf);
  for (const dropIn of rendered.dropIns)
    writeFile(join(out, 'crio.conf.d', dropIn.name), dropIn.contents);
  writeFile(
    join(out, 'machineconfig.yaml'),
    serializeManifest(rendered.machineConfig as unknown as Record<string, unknown>),
  );
  return 0;
};
