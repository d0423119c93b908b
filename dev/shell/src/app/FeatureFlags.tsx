/**
 * Feature flags as the console drives them: built-in flags, `console.flag/model` (set when the
 * cluster serves the model), `console.flag` handlers and `console.flag/hookProvider` hooks, all
 * mirrored into the PluginStore so extensions' `flags` requirements take effect.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import {
  isFeatureFlag,
  isFeatureFlagHookProvider,
  isModelFeatureFlag,
} from '@openshift-console/dynamic-plugin-sdk/lib/extensions/feature-flags';
import { useExtensions, type PluginStore } from '@openshift/dynamic-plugin-sdk';
import { useEffect, useRef } from 'react';
import { useResolvedExtensions } from '../sdk/extensions';
import { getFlags, setFlag, subscribeFlags } from '../sdk/flags';
import { findModel } from '../sdk/models';

export const BUILT_IN_FLAGS: Record<string, boolean> = { OPENSHIFT: true };

/**
 * Flags the console sets from API discovery (its CRD flags): MACHINE_CONFIG when the cluster
 * serves MachineConfigs, which hosted control planes do not. The console gates its own
 * machine-config pages and nav items with it.
 */
export const DISCOVERY_FLAGS: Record<string, SDK.K8sGroupVersionKind> = {
  MACHINE_CONFIG: {
    group: 'machineconfiguration.openshift.io',
    version: 'v1',
    kind: 'MachineConfig',
  },
};

/** The built-in flags and those discovery decides, once models are discovered. */
export const initialFlags = (): Record<string, boolean> => ({
  ...BUILT_IN_FLAGS,
  ...Object.fromEntries(
    Object.entries(DISCOVERY_FLAGS).map(([flag, gvk]) => [flag, findModel(gvk) !== undefined]),
  ),
});

const HookRunner = ({ hook }: { hook: SDK.FeatureFlagHandler }) => {
  hook(setFlag);
  return null;
};

export const FeatureFlags = ({ store }: { store: PluginStore }) => {
  const modelFlags = useExtensions<SDK.ModelFeatureFlag>(isModelFeatureFlag);
  const [handlers] = useResolvedExtensions<SDK.FeatureFlag>(isFeatureFlag);
  const [hookProviders] =
    useResolvedExtensions<SDK.FeatureFlagHookProvider>(isFeatureFlagHookProvider);
  const ran = useRef(new Set<string>());

  useEffect(() => {
    const sync = () => store.setFeatureFlags(getFlags());
    sync();
    return subscribeFlags(sync);
  }, [store]);

  useEffect(() => {
    modelFlags.forEach((e) => setFlag(e.properties.flag, !!findModel(e.properties.model)));
  }, [modelFlags]);

  useEffect(() => {
    handlers.forEach((e) => {
      if (ran.current.has(e.uid)) return;
      ran.current.add(e.uid);
      e.properties.handler(setFlag);
    });
  }, [handlers]);

  return (
    <>
      {hookProviders.map((e) => (
        <HookRunner key={e.uid} hook={e.properties.handler} />
      ))}
    </>
  );
};
