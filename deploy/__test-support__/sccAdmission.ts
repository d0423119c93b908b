/**
 * OpenShift's SecurityContextConstraints admission, for the pods this project deploys: what
 * apiserver-library-go's sccadmission and sccmatching do, strategy by strategy, for the
 * strategies these SCCs use (user MustRunAs, MustRunAsRange and RunAsAny; SELinux MustRunAs and
 * RunAsAny; fsGroup and supplemental groups MustRunAs and RunAsAny; capabilities, seccomp,
 * volumes, host namespaces and ports, privileged, read-only root, privilege escalation).
 * Anything else throws, rather than pass untested.
 *
 * The order is the real one: the SCC's missing values are filled from the namespace's
 * annotations (level from openshift.io/sa.scc.mcs only when the SCC's SELinux strategy is
 * MustRunAs without a level; UID range, fsGroup and supplemental groups likewise); then the pod
 * is mutated (a strategy sets only what the pod left unset: seLinuxOptions as a whole, fsGroup,
 * supplemental groups, a seccomp profile) and validated; then each container, seeing the pod's
 * values where it sets none. Errors read as Go's field errors do.
 */

// Pods and SCCs are read field by field, as the Go code reads its structs; typing every field of
// both kinds here would add nothing the tests do not check.
type Json = Record<string, any>;

export interface FieldError {
  path: string;
  text: string;
}

const quoted = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(value)
    : value === undefined || value === null
      ? 'null'
      : JSON.stringify(value);
const invalid = (path: string, value: unknown, detail: string): FieldError => ({
  path,
  text: `${path}: Invalid value: ${quoted(value)}: ${detail}`,
});
const required = (path: string): FieldError => ({ path, text: `${path}: Required value` });
const forbidden = (path: string, detail: string): FieldError => ({
  path,
  text: `${path}: Forbidden: ${detail}`,
});

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

/** uid.ParseBlock: `start/size` or `start-end`. */
const parseBlock = (text: string): { start: number; end: number } => {
  const sized = /^(\d+)\/(\d+)$/.exec(text);
  if (sized) return { start: Number(sized[1]), end: Number(sized[1]) + Number(sized[2]) - 1 };
  const ranged = /^(\d+)-(\d+)$/.exec(text);
  if (ranged) return { start: Number(ranged[1]), end: Number(ranged[2]) };
  throw new Error(`unparseable block ${text}`);
};

export const UID_RANGE = 'openshift.io/sa.scc.uid-range';
export const MCS = 'openshift.io/sa.scc.mcs';
export const SUPPLEMENTAL_GROUPS = 'openshift.io/sa.scc.supplemental-groups';

/** CreateProviderFromConstraint: the SCC with what it leaves open taken from the namespace. */
export const resolveConstraint = (scc: Json, namespace: Json): Json => {
  const resolved = clone(scc);
  const annotations: Record<string, string> = namespace.metadata?.annotations ?? {};
  const annotation = (key: string): string => {
    const value = annotations[key];
    if (value === undefined || value === '')
      throw new Error(
        `unable to find pre-allocated annotation ${key} for namespace ${namespace.metadata.name}`,
      );
    return value;
  };
  const groupBlocks = () =>
    (annotations[SUPPLEMENTAL_GROUPS] ?? annotation(UID_RANGE)).split(',').map(parseBlock);
  if (
    resolved.runAsUser?.type === 'MustRunAsRange' &&
    resolved.runAsUser.uidRangeMin === undefined &&
    resolved.runAsUser.uidRangeMax === undefined
  ) {
    const block = parseBlock(annotation(UID_RANGE));
    resolved.runAsUser.uidRangeMin = block.start;
    resolved.runAsUser.uidRangeMax = block.end;
  }
  if (resolved.seLinuxContext?.type === 'MustRunAs') {
    resolved.seLinuxContext.seLinuxOptions ??= {};
    if ((resolved.seLinuxContext.seLinuxOptions.level ?? '') === '')
      resolved.seLinuxContext.seLinuxOptions.level = annotation(MCS);
  }
  if (resolved.fsGroup?.type === 'MustRunAs' && (resolved.fsGroup.ranges ?? []).length === 0) {
    const [first] = groupBlocks();
    resolved.fsGroup.ranges = [{ min: first.start, max: first.start }];
  }
  if (
    resolved.supplementalGroups?.type === 'MustRunAs' &&
    (resolved.supplementalGroups.ranges ?? []).length === 0
  ) {
    resolved.supplementalGroups.ranges = groupBlocks().map((b) => ({ min: b.start, max: b.end }));
  }
  return resolved;
};

/** selinux equalLevels: sensitivities equal, categories equal as sets. */
const equalLevels = (expected: string, actual: string): boolean => {
  if (expected === actual) return true;
  const [es, ec] = expected.split(/:(.*)/s);
  const [as, ac] = actual.split(/:(.*)/s);
  if (ec === undefined || ac === undefined || es !== as) return false;
  return ec.split(',').sort().join(',') === ac.split(',').sort().join(',');
};

const seLinuxErrors = (scc: Json, path: string, options: Json | undefined): FieldError[] => {
  const strategy = scc.seLinuxContext?.type;
  if (strategy === 'RunAsAny') return [];
  if (strategy !== 'MustRunAs') throw new Error(`SELinux strategy ${strategy} is not modelled`);
  const field = `${path}.seLinuxOptions`;
  if (options === undefined || options === null) return [required(field)];
  const want = scc.seLinuxContext.seLinuxOptions ?? {};
  const errors: FieldError[] = [];
  if (!equalLevels(want.level ?? '', options.level ?? ''))
    errors.push(invalid(`${field}.level`, options.level ?? '', `must be ${want.level ?? ''}`));
  for (const key of ['role', 'type', 'user'])
    if ((options[key] ?? '') !== (want[key] ?? ''))
      errors.push(invalid(`${field}.${key}`, options[key] ?? '', `must be ${want[key] ?? ''}`));
  return errors;
};

const groupErrors = (
  strategy: Json | undefined,
  path: string,
  groups: number[] | undefined,
): FieldError[] => {
  if (strategy?.type === 'RunAsAny' || strategy?.type === undefined) return [];
  if (strategy.type !== 'MustRunAs')
    throw new Error(`group strategy ${strategy.type} is not modelled`);
  const ranges: { min: number; max: number }[] = strategy.ranges;
  if (groups === undefined || groups.length === 0)
    return [
      invalid(path, groups ?? null, 'unable to validate empty groups against required ranges'),
    ];
  return groups
    .filter((g) => !ranges.some((r) => g >= r.min && g <= r.max))
    .map((g) => invalid(path, groups, `${g} is not an allowed group`));
};

const seccompOf = (profile: Json | undefined): string =>
  profile === undefined
    ? ''
    : profile.type === 'RuntimeDefault'
      ? 'runtime/default'
      : profile.type === 'Unconfined'
        ? 'unconfined'
        : profile.type === 'Localhost'
          ? `localhost/${profile.localhostProfile}`
          : '';

const seccompAllowed = (scc: Json, profile: string): boolean => {
  const allowed: string[] = scc.seccompProfiles ?? [];
  if (allowed.includes('*')) return true;
  if (allowed.length === 0) return profile === '';
  const runtimeDefault = allowed.some((p) => p === 'runtime/default' || p === 'docker/default');
  return (
    allowed.includes(profile) ||
    (runtimeDefault && (profile === 'runtime/default' || profile === 'docker/default'))
  );
};

/** The SCC volume type of a pod volume (sccutil.GetVolumeFSType). */
const volumeType = (volume: Json): string => {
  const keys = Object.keys(volume).filter((k) => k !== 'name');
  if (keys.length !== 1) throw new Error(`volume ${volume.name} has ${keys.length} sources`);
  return keys[0];
};

/** AssignSecurityContext: mutates `pod` in place; returns the field errors. */
export const applyConstraint = (scc: Json, pod: Json): FieldError[] => {
  const errors: FieldError[] = [];
  const spec = pod.spec;
  spec.securityContext ??= {};
  const podSC = spec.securityContext;

  // Pod mutators: each sets only what is unset.
  if (scc.seLinuxContext?.type === 'MustRunAs' && podSC.seLinuxOptions === undefined)
    podSC.seLinuxOptions = clone(scc.seLinuxContext.seLinuxOptions);
  if (scc.fsGroup?.type === 'MustRunAs' && podSC.fsGroup === undefined)
    podSC.fsGroup = scc.fsGroup.ranges[0].min;
  if (scc.supplementalGroups?.type === 'MustRunAs' && (podSC.supplementalGroups ?? []).length === 0)
    podSC.supplementalGroups = [scc.supplementalGroups.ranges[0].min];
  if (podSC.seccompProfile === undefined) {
    const first = (scc.seccompProfiles ?? []).find((p: string) => p !== '*');
    if (first === 'runtime/default' || first === 'docker/default')
      podSC.seccompProfile = { type: 'RuntimeDefault' };
  }

  // Pod validators.
  const scPath = 'spec.securityContext';
  for (const [field, allowed, text] of [
    ['hostPID', scc.allowHostPID, 'Host PID is not allowed to be used'],
    ['hostNetwork', scc.allowHostNetwork, 'Host network is not allowed to be used'],
    ['hostIPC', scc.allowHostIPC, 'Host IPC is not allowed to be used'],
  ] as const) {
    if (spec[field] === true && allowed !== true)
      errors.push(invalid(`${scPath}.${field}`, true, text));
  }
  errors.push(...seLinuxErrors(scc, scPath, podSC.seLinuxOptions));
  errors.push(
    ...groupErrors(
      scc.fsGroup,
      `${scPath}.fsGroup`,
      podSC.fsGroup === undefined ? undefined : [podSC.fsGroup],
    ),
  );
  errors.push(
    ...groupErrors(
      scc.supplementalGroups,
      `${scPath}.supplementalGroups`,
      podSC.supplementalGroups,
    ),
  );
  if (!seccompAllowed(scc, seccompOf(podSC.seccompProfile)))
    errors.push(
      forbidden(
        'pod.metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]',
        `${seccompOf(podSC.seccompProfile)} is not an allowed seccomp profile`,
      ),
    );
  const allowedVolumes: string[] = scc.volumes ?? [];
  (spec.volumes ?? []).forEach((volume: Json, i: number) => {
    const type = volumeType(volume);
    const allowed =
      allowedVolumes.includes('*') ||
      allowedVolumes.includes(type) ||
      (type === 'hostPath' &&
        scc.allowHostDirVolumePlugin === true &&
        allowedVolumes.includes('hostPath'));
    if (!allowed)
      errors.push(
        invalid(`spec.volumes[${i}]`, type, `${type} volumes are not allowed to be used`),
      );
  });

  const containers: [string, Json[]][] = [
    ['initContainers', spec.initContainers ?? []],
    ['containers', spec.containers ?? []],
  ];
  for (const [kind, list] of containers) {
    list.forEach((container, i) => {
      const path = `spec.${kind}[${i}].securityContext`;
      container.securityContext ??= {};
      const sc = container.securityContext;
      const effective = (key: string) => (sc[key] !== undefined ? sc[key] : podSC[key]);

      // Container mutators.
      if (effective('runAsUser') === undefined) {
        if (scc.runAsUser?.type === 'MustRunAs') sc.runAsUser = scc.runAsUser.uid;
        if (scc.runAsUser?.type === 'MustRunAsRange') sc.runAsUser = scc.runAsUser.uidRangeMin;
      }
      if (scc.seLinuxContext?.type === 'MustRunAs' && effective('seLinuxOptions') === undefined)
        sc.seLinuxOptions = clone(scc.seLinuxContext.seLinuxOptions);
      const requiredDrop: string[] = scc.requiredDropCapabilities ?? [];
      const defaultAdd: string[] = scc.defaultAddCapabilities ?? [];
      const add = new Set<string>(sc.capabilities?.add ?? []);
      const drop = new Set<string>(sc.capabilities?.drop ?? []);
      const combinedAdd = new Set([...defaultAdd.filter((c) => !drop.has(c)), ...add]);
      const combinedDrop = new Set([...requiredDrop, ...drop]);
      if (combinedAdd.size !== add.size || combinedDrop.size !== drop.size)
        sc.capabilities = { add: [...combinedAdd].sort(), drop: [...combinedDrop].sort() };
      if (effective('runAsNonRoot') === undefined) {
        const uid = effective('runAsUser');
        if ((uid === undefined && scc.runAsUser?.type === 'MustRunAsNonRoot') || uid > 0)
          sc.runAsNonRoot = true;
      }
      if (scc.readOnlyRootFilesystem === true && sc.readOnlyRootFilesystem === undefined)
        sc.readOnlyRootFilesystem = true;
      if (scc.allowPrivilegeEscalation === false && sc.allowPrivilegeEscalation === undefined)
        sc.allowPrivilegeEscalation = false;

      // Container validators.
      if (sc.privileged === true && scc.allowPrivilegedContainer !== true)
        errors.push(invalid(`${path}.privileged`, true, 'Privileged containers are not allowed'));
      if (scc.readOnlyRootFilesystem === true && sc.readOnlyRootFilesystem !== true)
        errors.push(
          invalid(
            `${path}.readOnlyRootFilesystem`,
            sc.readOnlyRootFilesystem ?? null,
            'ReadOnlyRootFilesystem must be set to true',
          ),
        );
      if (scc.allowPrivilegeEscalation === false && sc.allowPrivilegeEscalation !== false)
        errors.push(
          invalid(
            `${path}.allowPrivilegeEscalation`,
            sc.allowPrivilegeEscalation ?? null,
            'Allowing privilege escalation for containers is not allowed',
          ),
        );
      const uid = effective('runAsUser');
      switch (scc.runAsUser?.type) {
        case 'MustRunAs':
          if (uid === undefined) errors.push(required(`${path}.runAsUser`));
          else if (uid !== scc.runAsUser.uid)
            errors.push(invalid(`${path}.runAsUser`, uid, `must be: ${scc.runAsUser.uid}`));
          break;
        case 'MustRunAsRange':
          if (uid === undefined) errors.push(required(`${path}.runAsUser`));
          else if (uid < scc.runAsUser.uidRangeMin || uid > scc.runAsUser.uidRangeMax)
            errors.push(
              invalid(
                `${path}.runAsUser`,
                uid,
                `must be in the ranges: [${scc.runAsUser.uidRangeMin}, ${scc.runAsUser.uidRangeMax}]`,
              ),
            );
          break;
        case 'RunAsAny':
          break;
        default:
          throw new Error(`user strategy ${scc.runAsUser?.type} is not modelled`);
      }
      errors.push(...seLinuxErrors(scc, path, effective('seLinuxOptions')));
      const caps = sc.capabilities;
      const allowedCaps: string[] = scc.allowedCapabilities ?? [];
      if (caps === undefined) {
        if (defaultAdd.length > 0 || requiredDrop.length > 0)
          errors.push(
            invalid(
              `${path}.capabilities`,
              null,
              'required capabilities are not set on the securityContext',
            ),
          );
      } else if (!allowedCaps.includes('*')) {
        for (const cap of caps.add ?? [])
          if (!defaultAdd.includes(cap) && !allowedCaps.includes(cap))
            errors.push(invalid(`${path}.capabilities.add`, cap, 'capability may not be added'));
        for (const cap of requiredDrop)
          if (!(caps.drop ?? []).includes(cap))
            errors.push(
              invalid(
                `${path}.capabilities.drop`,
                caps.drop ?? [],
                `${cap} is required to be dropped but was not found`,
              ),
            );
      }
      const profile = seccompOf(sc.seccompProfile ?? podSC.seccompProfile);
      if (!seccompAllowed(scc, profile))
        errors.push(
          forbidden(
            `pod.metadata.annotations[container.seccomp.security.alpha.kubernetes.io/${container.name}]`,
            `${profile} is not an allowed seccomp profile`,
          ),
        );
      for (const port of container.ports ?? [])
        if ((port.hostPort ?? 0) > 0 && scc.allowHostPorts !== true)
          errors.push(
            invalid(
              `spec.${kind}[${i}].ports.hostPort`,
              port.hostPort,
              'Host ports are not allowed to be used',
            ),
          );
    });
  }
  return errors;
};

/** The user a pod's ServiceAccount authenticates as, and its groups. */
const serviceAccountUser = (namespace: string, name: string) => ({
  name: `system:serviceaccount:${namespace}:${name}`,
  groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
});

/**
 * Whether RBAC (the rendered roles and bindings, plus `extraGrants` for what the cluster grants
 * itself) lets the ServiceAccount `use` the SCC in the namespace.
 */
const mayUse = (
  sccName: string,
  namespace: string,
  serviceAccount: string,
  rbac: Json[],
): boolean => {
  const user = serviceAccountUser(namespace, serviceAccount);
  const subjectMatches = (subject: Json) =>
    (subject.kind === 'ServiceAccount' &&
      subject.name === serviceAccount &&
      subject.namespace === namespace) ||
    (subject.kind === 'Group' && user.groups.includes(subject.name)) ||
    (subject.kind === 'User' && subject.name === user.name);
  const roleAllows = (role: Json | undefined) =>
    (role?.rules ?? []).some(
      (rule: Json) =>
        (rule.apiGroups ?? []).some((g: string) => g === 'security.openshift.io' || g === '*') &&
        (rule.resources ?? []).some(
          (r: string) => r === 'securitycontextconstraints' || r === '*',
        ) &&
        (rule.verbs ?? []).some((v: string) => v === 'use' || v === '*') &&
        ((rule.resourceNames ?? []).length === 0 || rule.resourceNames.includes(sccName)),
    );
  return rbac.some((binding) => {
    if (binding.kind !== 'RoleBinding' && binding.kind !== 'ClusterRoleBinding') return false;
    if (binding.kind === 'RoleBinding' && binding.metadata.namespace !== namespace) return false;
    if (!(binding.subjects ?? []).some(subjectMatches)) return false;
    const role = rbac.find(
      (o) =>
        o.kind === binding.roleRef.kind &&
        o.metadata.name === binding.roleRef.name &&
        (o.kind === 'ClusterRole' || o.metadata.namespace === binding.metadata.namespace),
    );
    return roleAllows(role);
  });
};

export interface AdmissionResult {
  admitted: boolean;
  /** The SCC that admitted the pod. */
  scc?: string;
  /** The pod as admitted (mutated), when it is. */
  pod?: Json;
  errors: string[];
}

/**
 * Admits a pod into `namespace` as the SCC admission plugin does: the SCCs usable by the pod's
 * ServiceAccount (by RBAC or the SCC's own users and groups), only the one named by
 * openshift.io/required-scc when the pod names one, in the given order; the first that admits the
 * pod wins.
 */
export const admitPod = (
  pod: Json,
  namespace: Json,
  sccs: Json[],
  rbac: Json[],
): AdmissionResult => {
  const required = pod.metadata?.annotations?.['openshift.io/required-scc'];
  const candidates =
    required === undefined ? sccs : sccs.filter((s) => s.metadata.name === required);
  if (candidates.length === 0)
    return { admitted: false, errors: [`required scc/${required} not found`] };
  const ns = namespace.metadata.name;
  const serviceAccount = pod.spec.serviceAccountName ?? 'default';
  const user = serviceAccountUser(ns, serviceAccount);
  const errors: string[] = [];
  for (const scc of candidates) {
    const name = scc.metadata.name;
    const usable =
      (scc.users ?? []).includes(user.name) ||
      (scc.groups ?? []).some((g: string) => user.groups.includes(g)) ||
      mayUse(name, ns, serviceAccount, rbac);
    if (!usable) {
      errors.push(`provider "${name}": Forbidden: not usable by user or serviceaccount`);
      continue;
    }
    let resolved: Json;
    try {
      resolved = resolveConstraint(scc, namespace);
    } catch (error) {
      errors.push(`provider ${name}: ${(error as Error).message}`);
      continue;
    }
    const copy = clone(pod);
    const problems = applyConstraint(resolved, copy);
    if (problems.length === 0) {
      copy.metadata.annotations = { ...copy.metadata.annotations, 'openshift.io/scc': name };
      return { admitted: true, scc: name, pod: copy, errors: [] };
    }
    errors.push(...problems.map((p) => `provider ${name}: .${p.text}`));
  }
  return { admitted: false, errors };
};

/**
 * The pod a DaemonSet, Deployment or Job creates from its template, after the ServiceAccount
 * admission plugin added the projected token volume and its mount (which SCC admission sees).
 */
export const podFromTemplate = (workload: Json, name: string): Json => {
  const template = clone(workload.spec.template);
  const spec = template.spec;
  spec.serviceAccountName ??= 'default';
  if (spec.automountServiceAccountToken !== false) {
    const volume = 'kube-api-access-x7k2p';
    spec.volumes = [
      ...(spec.volumes ?? []),
      {
        name: volume,
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            {
              downwardAPI: {
                items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }],
              },
            },
          ],
        },
      },
    ];
    for (const container of spec.containers)
      container.volumeMounts = [
        ...(container.volumeMounts ?? []),
        {
          name: volume,
          mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
          readOnly: true,
        },
      ];
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...template.metadata, name, namespace: workload.metadata.namespace },
    spec,
  };
};
