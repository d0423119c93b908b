import type { FieldError } from './types';

/** Kubernetes' rule for cluster-scoped object names (a DNS-1123 subdomain). */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_SUBDOMAIN_MAX = 253;

export const validateObjectName = (name: unknown): string | null => {
  if (name === undefined || name === null || name === '')
    return 'Required value: name or generateName is required';
  if (typeof name !== 'string') return 'Invalid value: must be of type string';
  if (name.length > DNS1123_SUBDOMAIN_MAX) {
    return `Invalid value: "${name}": must be no more than ${DNS1123_SUBDOMAIN_MAX} characters`;
  }
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')`;
  }
  return null;
};

export const validateMetadata = (obj: Record<string, unknown>): FieldError[] => {
  const errors: FieldError[] = [];
  const meta = obj.metadata;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    return [{ field: 'metadata', message: 'Required value', source: 'api', severity: 'error' }];
  }
  const m = meta as Record<string, unknown>;
  if (!(typeof m.generateName === 'string' && m.generateName !== '' && !m.name)) {
    const problem = validateObjectName(m.name);
    if (problem)
      errors.push({ field: 'metadata.name', message: problem, source: 'api', severity: 'error' });
  }
  if (obj.kind !== undefined && obj.kind !== 'ContainerRuntimeConfig') {
    errors.push({
      field: 'kind',
      message: `Invalid value: ${JSON.stringify(obj.kind)}: expected ContainerRuntimeConfig`,
      source: 'api',
      severity: 'error',
    });
  }
  return errors;
};
