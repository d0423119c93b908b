import { isPlainObject, type JsonObject } from './kube-object';
import { READ_VERBS } from './resources';

/**
 * Who the simulated cluster thinks is calling. There is no authentication: the dev shell picks a
 * persona, and the API server's authorizer answers as RBAC would for that user.
 */

export type PersonaName = 'admin' | 'read-only';

export const PERSONA_NAMES: readonly PersonaName[] = ['admin', 'read-only'];

export interface Persona {
  name: PersonaName;
  userName: string;
  groups: string[];
}

export const PERSONAS: Record<PersonaName, Persona> = {
  admin: {
    name: 'admin',
    userName: 'dev-admin',
    groups: ['system:cluster-admins', 'system:authenticated'],
  },
  'read-only': { name: 'read-only', userName: 'dev-readonly', groups: ['system:authenticated'] },
};

export const isPersonaName = (v: unknown): v is PersonaName =>
  typeof v === 'string' && (PERSONA_NAMES as readonly string[]).includes(v);

/** Whether the persona may use `verb` on any resource (both personas hold cluster-wide roles). */
export const isAllowed = (persona: Persona, verb: string): boolean =>
  persona.name === 'admin' || (READ_VERBS as readonly string[]).includes(verb);

/**
 * The answer to a SelfSubjectAccessReview: the request's spec, and a status saying whether the
 * persona may do what it asks (creating the review itself is allowed to everyone).
 */
export const reviewAccess = (persona: Persona, review: JsonObject): JsonObject => {
  const spec = isPlainObject(review.spec) ? review.spec : {};
  const attrs = isPlainObject(spec.resourceAttributes) ? spec.resourceAttributes : undefined;
  const nonResource = isPlainObject(spec.nonResourceAttributes)
    ? spec.nonResourceAttributes
    : undefined;
  const asked = attrs?.verb ?? nonResource?.verb;
  const verb = typeof asked === 'string' ? asked : '';
  const allowed = isAllowed(persona, verb);
  const role = persona.name === 'admin' ? 'cluster-admin' : 'cluster-reader';
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status: allowed
      ? {
          allowed: true,
          reason: `RBAC: allowed by ClusterRoleBinding "dev-${role}" of ClusterRole "${role}" to User "${persona.userName}"`,
        }
      : { allowed: false },
  };
};
