import { invalid, required, tooLong } from './fieldErrors';
import type { FieldError } from './types';

/**
 * The API server's checks of an object's metadata on create (ValidateObjectMeta, for a
 * cluster-scoped custom resource): the name and generateName are DNS-1123 subdomains, label and
 * annotation keys qualified names, label values label values, finalizers qualified names, and the
 * annotations at most 256 KiB in all. Messages are apimachinery's, regular expressions included.
 */

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const whole = (fmt: string): RegExp => new RegExp(`^${fmt}$`);
const DNS1123_SUBDOMAIN = whole(DNS1123_SUBDOMAIN_FMT);
const DNS1123_LABEL = whole(DNS1123_LABEL_FMT);
const QUALIFIED_NAME = whole(QUALIFIED_NAME_FMT);
const LABEL_VALUE = whole(LABEL_VALUE_FMT);

const DNS1123_SUBDOMAIN_MAX = 253;
const DNS1123_LABEL_MAX = 63;
const QUALIFIED_NAME_MAX = 63;
const LABEL_VALUE_MAX = 63;
const ANNOTATIONS_MAX_BYTES = 256 * 1024;
/** The random suffix generateName gets, and how much of the prefix is kept before it. */
const GENERATED_SUFFIX = 'x7k2q';
const GENERATED_PREFIX_MAX = 63 - GENERATED_SUFFIX.length;

/** apimachinery's RegexError: the message, the examples and the regular expression. */
const regexError = (msg: string, fmt: string, ...examples: string[]): string =>
  examples.length === 0
    ? `${msg} (regex used for validation is '${fmt}')`
    : `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;

const maxLenError = (n: number): string => `must be no more than ${n} characters`;

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

export const dns1123SubdomainProblems = (value: string): string[] => {
  const problems: string[] = [];
  if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX) problems.push(maxLenError(DNS1123_SUBDOMAIN_MAX));
  if (!DNS1123_SUBDOMAIN.test(value)) {
    problems.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  }
  return problems;
};

/** IsDNS1123Label: what a MachineConfigPool's name (and so a pool name) must be. */
export const dns1123LabelProblems = (value: string): string[] => {
  const problems: string[] = [];
  if (utf8Length(value) > DNS1123_LABEL_MAX) problems.push(maxLenError(DNS1123_LABEL_MAX));
  if (!DNS1123_LABEL.test(value)) {
    problems.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return problems;
};

const qualifiedNameProblems = (value: string): string[] => {
  const problems: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) problems.push('prefix part must be non-empty');
    else problems.push(...dns1123SubdomainProblems(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) problems.push('name part must be non-empty');
  else if (utf8Length(name) > QUALIFIED_NAME_MAX) {
    problems.push(`name part ${maxLenError(QUALIFIED_NAME_MAX)}`);
  }
  if (!QUALIFIED_NAME.test(name)) {
    problems.push(
      `name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`,
    );
  }
  return problems;
};

const labelValueProblems = (value: string): string[] => {
  const problems: string[] = [];
  if (utf8Length(value) > LABEL_VALUE_MAX) problems.push(maxLenError(LABEL_VALUE_MAX));
  if (!LABEL_VALUE.test(value)) {
    problems.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return problems;
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The name check alone, for objects the simulated cluster stores (a DNS-1123 subdomain). */
export const validateObjectName = (name: unknown): string | null => {
  if (name === undefined || name === null || name === '')
    return 'Required value: name or generateName is required';
  if (typeof name !== 'string') return 'Invalid value: must be of type string';
  const [problem] = dns1123SubdomainProblems(name);
  return problem === undefined ? null : `Invalid value: ${JSON.stringify(name)}: ${problem}`;
};

/** The name the server gives an object created with only generateName. */
const generatedName = (generateName: string): string =>
  `${generateName.slice(0, GENERATED_PREFIX_MAX)}${GENERATED_SUFFIX}`;

/** ValidateObjectMeta on create, of a cluster-scoped object whose names are DNS-1123 subdomains. */
export const validateObjectMeta = (metadata: unknown): FieldError[] => {
  const m = isPlainObject(metadata) ? metadata : {};
  const errors: FieldError[] = [];
  const generateName = typeof m.generateName === 'string' ? m.generateName : '';
  let name = typeof m.name === 'string' ? m.name : '';
  if (generateName !== '') {
    // A trailing dash is allowed in a prefix.
    const masked = generateName.length > 1 ? generateName.replace(/-$/, 'a') : generateName;
    for (const p of dns1123SubdomainProblems(masked))
      errors.push(invalid('metadata.generateName', generateName, p));
    if (name === '') name = generatedName(generateName);
  }
  if (name === '') {
    errors.push(required('metadata.name', 'name or generateName is required'));
  } else {
    for (const p of dns1123SubdomainProblems(name)) errors.push(invalid('metadata.name', name, p));
  }
  if (isPlainObject(m.labels)) {
    for (const [k, v] of Object.entries(m.labels)) {
      for (const p of qualifiedNameProblems(k)) errors.push(invalid('metadata.labels', k, p));
      if (typeof v === 'string') {
        for (const p of labelValueProblems(v)) errors.push(invalid('metadata.labels', v, p));
      }
    }
  }
  if (isPlainObject(m.annotations)) {
    let bytes = 0;
    for (const [k, v] of Object.entries(m.annotations)) {
      for (const p of qualifiedNameProblems(k.toLowerCase()))
        errors.push(invalid('metadata.annotations', k, p));
      bytes += utf8Length(k) + (typeof v === 'string' ? utf8Length(v) : 0);
    }
    if (bytes > ANNOTATIONS_MAX_BYTES)
      errors.push(tooLong('metadata.annotations', ANNOTATIONS_MAX_BYTES));
  }
  if (Array.isArray(m.finalizers)) {
    for (const f of m.finalizers) {
      if (typeof f !== 'string') continue;
      for (const p of qualifiedNameProblems(f)) errors.push(invalid('metadata.finalizers', f, p));
    }
  }
  return errors;
};
