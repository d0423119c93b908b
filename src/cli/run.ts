import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  parseContainerRuntimeConfigText,
  parseObjectText,
  serializeManifest,
} from '../core/model/manifest';
import { readStoreSection } from '../core/model/storeSection';
import { storePathHint } from '../core/storePlugins';
import { STORE_FIELDS, type ContainerRuntimeConfig } from '../core/model/types';
import { poolFromSelector } from '../core/pools/poolFromSelector';
import { renderForPool } from '../core/render';
import {
  formatFieldError,
  validateContainerRuntimeConfig,
  type FieldError,
} from '../core/validation';
import { readCrdSchema } from '../core/validation/crd/crdObject';
import type { JSONSchemaProps } from '../core/validation/crd/schema';
import { dns1123LabelProblems } from '../core/validation/metadata';
import { goQuote } from '../core/validation/fieldErrors';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `usage:
  lazy-pull render FILE --out DIR [--pool NAME] [--crd CRD]
  lazy-pull validate FILE [--crd CRD]

FILE is a ContainerRuntimeConfig manifest (YAML or JSON), read as kubectl reads it. It is checked
as the API server checks it, against the CustomResourceDefinition in CRD (by default the built-in
4.22 TechPreviewNoUpgrade one), then as the Machine Config Operator checks it. render writes what
the MCO would generate for the pool: storage.conf (only when the MCO writes one),
crio.conf.d/<drop-in> for each CRI-O drop-in, and machineconfig.yaml.

Invalid input exits 1 with one "<field>: <message>" line per problem on stderr (the API server's
causes as kubectl prints them; the MCO's when the API server accepts the object), and nothing is
written. Fields the API server would drop, and a plugin's root directory given as a layer store,
are printed as "Warning: ..." lines and do not change the exit status. Wrong usage exits 2; a
file that cannot be read or written exits 3, naming it, with nothing left half-written.
`;

const EXIT_INVALID = 1;
const EXIT_USAGE = 2;
const EXIT_IO = 3;
/** Larger inputs are not manifests; reading them whole would only cost memory. */
const MAX_INPUT_BYTES = 4 * 1024 * 1024;

class CliFailure extends Error {
  constructor(
    readonly status: number,
    readonly lines: string[],
  ) {
    super(lines.join('\n'));
  }
}

interface Args {
  command: string;
  file?: string;
  out?: string;
  pool?: string;
  crd?: string;
}

const OPTIONS = ['--out', '--pool', '--crd'] as const;

const parseArgs = (argv: string[]): Args | string => {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') return 'help';
  const args: Args = { command };
  for (let i = 0; i < rest.length; i += 1) {
    const a = rest[i];
    const option = OPTIONS.find((o) => a === o || a.startsWith(`${o}=`));
    if (option) {
      let v: string | undefined;
      if (a === option) {
        v = rest[i + 1];
        i += 1;
      } else {
        v = a.slice(option.length + 1);
      }
      if (v === undefined || v === '' || v.startsWith('--')) return `${option} needs a value`;
      args[option.slice(2) as 'out' | 'pool' | 'crd'] = v;
    } else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (args.file === undefined) args.file = a;
    else return `unexpected argument ${a}`;
  }
  return args;
};

const ioError = (path: string, e: unknown): CliFailure => {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'EISDIR'
        ? 'is a directory'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : e instanceof Error
            ? e.message
            : String(e);
  return new CliFailure(EXIT_IO, [`${path}: ${why}`]);
};

/** A regular file's text; anything else (a directory, a device, a FIFO) is refused unread. */
const readInput = (file: string): string => {
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new CliFailure(EXIT_IO, [`${file}: not a regular file`]);
    if (st.size > MAX_INPUT_BYTES) {
      throw new CliFailure(EXIT_IO, [`${file}: larger than ${MAX_INPUT_BYTES} bytes`]);
    }
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    throw ioError(file, e);
  }
};

const parseProblems = (file: string, problems: { message: string; line?: number }[]) =>
  new CliFailure(
    EXIT_INVALID,
    problems.map((p) => `${file}${p.line ? `:${p.line}` : ''}: ${p.message}`),
  );

const loadCrd = (file: string): JSONSchemaProps => {
  const parsed = parseObjectText(readInput(file));
  if (!parsed.ok) throw parseProblems(file, parsed.problems);
  const crd = readCrdSchema(parsed.object);
  if (!crd.ok) throw new CliFailure(EXIT_INVALID, [`${file}: ${crd.error}`]);
  return crd.schema;
};

/** What is valid but very likely not what the user meant: pruned fields, a plugin's root dir. */
const warningsOf = (object: Record<string, unknown>, problems: FieldError[]): string[] => {
  const lines = problems.filter((p) => p.severity === 'warning').map((p) => p.message);
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
  return lines.map((l) => `Warning: ${l}`);
};

/**
 * The error lines: the API server's causes when it refuses the object (the MCO never sees it),
 * else the MCO's.
 */
const errorLines = (problems: FieldError[]): string[] => {
  const errors = problems.filter((p) => p.severity === 'error');
  const api = errors.filter((p) => p.source === 'api');
  return (api.length > 0 ? api : errors).map(formatFieldError);
};

const checkPool = (pool: string, field: string): void => {
  const problems = dns1123LabelProblems(pool);
  if (problems.length > 0) {
    throw new CliFailure(
      EXIT_INVALID,
      problems.map((p) => `${field}: Invalid value: ${goQuote(pool)}: ${p}`),
    );
  }
};

interface Output {
  name: string;
  contents: string;
}

/** Refuses a target that exists and is not what render writes there (a symlink, a device…). */
const checkTarget = (path: string, directory: boolean): void => {
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw ioError(path, e);
  }
  const ok = directory ? st.isDirectory() : st.isFile();
  if (!ok) {
    const what = st.isSymbolicLink()
      ? 'a symbolic link'
      : directory
        ? 'not a directory'
        : 'not a regular file';
    throw new CliFailure(EXIT_IO, [`${path}: ${what}; not written`]);
  }
};

/**
 * Creates DIR and its missing parents one at a time (Node's recursive mkdir loops forever on some
 * paths, such as one below /proc/self).
 */
const makeDirectory = (dir: string): void => {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      lstatSync(d);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || d === dirname(d)) throw ioError(d, e);
      missing.unshift(d);
    }
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      throw ioError(d, e);
    }
  }
};

/**
 * Writes every output into DIR or none: all are written into a fresh directory inside DIR, every
 * target is checked (no symbolic link or special file is followed), then each is renamed into
 * place.
 */
const writeOutputs = (dir: string, outputs: Output[]): void => {
  makeDirectory(dir);
  checkTarget(dir, true);
  let staging: string;
  try {
    staging = mkdtempSync(join(dir, '.lazy-pull-'));
  } catch (e) {
    throw ioError(dir, e);
  }
  try {
    for (const o of outputs) {
      const path = join(staging, o.name);
      try {
        if (o.name.includes('/')) makeDirectory(dirname(path));
        writeFileSync(path, o.contents, { flag: 'wx' });
      } catch (e) {
        throw ioError(join(dir, o.name), e);
      }
    }
    if (outputs.some((o) => o.name.includes('/'))) checkTarget(join(dir, 'crio.conf.d'), true);
    for (const o of outputs) checkTarget(join(dir, o.name), false);
    for (const o of outputs) {
      if (o.name.includes('/')) makeDirectory(dirname(join(dir, o.name)));
      try {
        renameSync(join(staging, o.name), join(dir, o.name));
      } catch (e) {
        throw ioError(join(dir, o.name), e);
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
};

const run = (argv: string[], io: CliIO): number => {
  const args = parseArgs(argv);
  if (args === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const usage = (why: string) => new CliFailure(EXIT_USAGE, [`lazy-pull: ${why}`, USAGE]);
  if (typeof args === 'string') throw usage(args);
  if (args.command !== 'render' && args.command !== 'validate') {
    throw usage(`unknown command ${args.command}`);
  }
  if (!args.file) throw usage(`${args.command} needs a FILE`);
  if (args.command === 'render' && !args.out) throw usage('render needs --out DIR');
  if (args.command === 'validate' && (args.out || args.pool)) {
    throw usage('validate takes no --out or --pool');
  }
  if (args.pool !== undefined) checkPool(args.pool, '--pool');

  const schema = args.crd ? loadCrd(args.crd) : undefined;
  const parsed = parseContainerRuntimeConfigText(readInput(args.file));
  if (!parsed.ok) throw parseProblems(args.file, parsed.problems);
  const problems = validateContainerRuntimeConfig(parsed.object, { schema });
  const warnings = warningsOf(parsed.object, problems);
  const errors = errorLines(problems);
  if (errors.length > 0) throw new CliFailure(EXIT_INVALID, [...warnings, ...errors]);
  io.stderr(warnings.map((l) => `${l}\n`).join(''));

  const ctrcfg = parsed.object as unknown as ContainerRuntimeConfig;
  const selected = poolFromSelector(ctrcfg.spec.machineConfigPoolSelector);
  if (args.pool === undefined && selected !== null) {
    checkPool(selected, 'spec.machineConfigPoolSelector');
  }
  const pool = args.pool ?? selected ?? 'worker';
  const rendered = renderForPool(ctrcfg, pool);
  if (!rendered.ok)
    throw new CliFailure(EXIT_INVALID, [`spec.containerRuntimeConfig: ${rendered.error}`]);
  if (args.command === 'validate') return 0;

  const outputs: Output[] = [];
  if (rendered.storageConf !== null)
    outputs.push({ name: 'storage.conf', contents: rendered.storageConf });
  for (const d of rendered.dropIns)
    outputs.push({ name: `crio.conf.d/${d.name}`, contents: d.contents });
  outputs.push({
    name: 'machineconfig.yaml',
    contents: serializeManifest(rendered.machineConfig as unknown as Record<string, unknown>),
  });
  writeOutputs(args.out as string, outputs);
  return 0;
};

/** Runs the command; never throws: every failure is an exit status and lines on stderr. */
export const runCli = (argv: string[], io: CliIO): number => {
  try {
    return run(argv, io);
  } catch (e) {
    if (e instanceof CliFailure) {
      io.stderr(e.lines.map((l) => (l.endsWith('\n') ? l : `${l}\n`)).join(''));
      return e.status;
    }
    io.stderr(`lazy-pull: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_IO;
  }
};
