import { judgeRollout, MCO_REASON_ANNOTATION } from '../rollout';
import { mcoAnnotations } from '../__fixtures__/sampleCluster';

describe('rollout from the MCO annotations', () => {
  it.each([
    [
      'Done, current = desired = target',
      mcoAnnotations('Done', 'r-new'),
      'r-new',
      'UpToDate',
      false,
    ],
    ['Done, pool target unknown', mcoAnnotations('Done', 'r-old'), null, 'UpToDate', false],
    ['Done, waiting for its batch', mcoAnnotations('Done', 'r-old'), 'r-new', 'Updating', true],
    [
      'Done, desired differs (about to start)',
      mcoAnnotations('Done', 'r-old', 'r-new'),
      'r-new',
      'Updating',
      false,
    ],
    ['Working', mcoAnnotations('Working', 'r-old', 'r-new'), 'r-new', 'Updating', false],
    ['Rebooting', mcoAnnotations('Rebooting', 'r-old', 'r-new'), 'r-new', 'Rebooting', false],
    [
      'Degraded',
      mcoAnnotations('Degraded', 'r-old', 'r-new', 'drain failed'),
      'r-new',
      'Degraded',
      false,
    ],
    [
      'Unreconcilable',
      mcoAnnotations('Unreconcilable', 'r-old', 'r-new', 'cannot change kernelType'),
      'r-new',
      'Degraded',
      false,
    ],
    [
      'state the MCO does not write',
      mcoAnnotations('Sleeping', 'r-new'),
      'r-new',
      'Unknown',
      false,
    ],
    ['no MCO annotations', {}, 'r-new', 'Unknown', false],
    [
      'Done without currentConfig',
      {
        'machineconfiguration.openshift.io/state': 'Done',
        'machineconfiguration.openshift.io/desiredConfig': 'r',
      },
      null,
      'Unknown',
      false,
    ],
    ['Done with empty configs', mcoAnnotations('Done', ''), null, 'Unknown', false],
  ])('%s', (_label, annotations, target, state, queued) => {
    const rollout = judgeRollout(annotations, target);
    expect(rollout.state).toBe(state);
    expect(rollout.queued).toBe(queued);
  });

  it('keeps the annotations it was judged from, free text included', () => {
    const rollout = judgeRollout(
      {
        ...mcoAnnotations('Degraded', 'r-old', 'r-new'),
        [MCO_REASON_ANNOTATION]: '<b>failed</b> to drain',
      },
      'r-new',
    );
    expect(rollout).toEqual({
      state: 'Degraded',
      currentConfig: 'r-old',
      desiredConfig: 'r-new',
      mcoState: 'Degraded',
      reason: '<b>failed</b> to drain',
      queued: false,
    });
  });

  it('reads an empty reason as none', () => {
    expect(judgeRollout(mcoAnnotations('Done', 'r'), 'r').reason).toBeNull();
  });
});
