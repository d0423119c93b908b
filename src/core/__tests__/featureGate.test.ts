import { featureGateState } from '../featureGate';

const gate = (versions: { enabled?: string[]; disabled?: string[] }[], featureSet?: string) => ({
  spec: featureSet === undefined ? {} : { featureSet },
  status: {
    featureGates: versions.map((v, i) => ({
      version: `4.22.${i}`,
      enabled: (v.enabled ?? []).map((name) => ({ name })),
      disabled: (v.disabled ?? []).map((name) => ({ name })),
    })),
  },
});

describe('featureGateState', () => {
  it('is enabled when the only version enables the gate', () => {
    expect(
      featureGateState(gate([{ enabled: ['AdditionalStorageConfig'] }], 'TechPreviewNoUpgrade')),
    ).toEqual({
      state: 'enabled',
      featureSet: 'TechPreviewNoUpgrade',
    });
  });
  it('is disabled when the gate is listed as disabled or not at all', () => {
    expect(featureGateState(gate([{ disabled: ['AdditionalStorageConfig'] }])).state).toBe(
      'disabled',
    );
    expect(featureGateState(gate([{ enabled: ['Other'] }])).state).toBe('disabled');
  });
  it('is disabled while an upgrade has versions that disagree', () => {
    expect(
      featureGateState(
        gate([{ enabled: ['AdditionalStorageConfig'] }, { disabled: ['AdditionalStorageConfig'] }]),
      ).state,
    ).toBe('disabled');
  });
  it('is unknown without a FeatureGate or without status', () => {
    expect(featureGateState(undefined)).toEqual({ state: 'unknown', featureSet: '' });
    expect(featureGateState({ spec: {} }).state).toBe('unknown');
    expect(featureGateState({ status: { featureGates: [] } }).state).toBe('unknown');
  });
});
