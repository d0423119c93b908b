import { type CoreEvent, createImageEventReader, readImageEvent } from '../pullEvents';

const AT = '2026-03-01T11:00:00Z';
const AT_MS = Date.parse(AT);

const kubeletEvent = (
  reason: string,
  message: unknown,
  extra: Partial<CoreEvent> = {},
): CoreEvent =>
  ({
    metadata: { name: 'web-1.17f0', namespace: 'shop' },
    involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'shop' },
    reason,
    message,
    type: 'Normal',
    source: { component: 'kubelet', host: 'gpu-1' },
    lastTimestamp: AT,
    ...extra,
  }) as CoreEvent;

describe('readImageEvent: messages as kubelets write them', () => {
  // Messages as the kubelet's image manager formats them (Kubernetes 1.35 and older releases),
  // and as clusters show them (`kubectl get events`); expected values read off the text by hand.
  it.each([
    [
      'Successfully pulled image "g1g1/py-kube" in 15.981s (15.981s including waiting). Image size: 129338587 bytes.',
      { image: 'g1g1/py-kube', durationMs: 15981, waitingMs: 15981, sizeBytes: 129338587 },
    ],
    [
      'Successfully pulled image "quay.io/example/vllm:0.6" in 1.9s (48.2s including waiting). Image size: 9876543210 bytes.',
      {
        image: 'quay.io/example/vllm:0.6',
        durationMs: 1900,
        waitingMs: 48200,
        sizeBytes: 9876543210,
      },
    ],
    [
      'Successfully pulled image "registry.k8s.io/pause:3.10" in 523ms (1m4.004s including waiting). Image size: 320368 bytes.',
      { image: 'registry.k8s.io/pause:3.10', durationMs: 523, waitingMs: 64004, sizeBytes: 320368 },
    ],
    [
      'Successfully pulled image "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31" in 1h2m3.5s (1h2m3.5s including waiting). Image size: 1 bytes.',
      {
        image: 'nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
        durationMs: 3723500,
        waitingMs: 3723500,
        sizeBytes: 1,
      },
    ],
    // 1.27 to 1.29: no size.
    [
      'Successfully pulled image "busybox:1.36" in 3.62s (3.62s including waiting)',
      { image: 'busybox:1.36', durationMs: 3620, waitingMs: 3620, sizeBytes: null },
    ],
    // Up to 1.26: the total alone.
    [
      'Successfully pulled image "busybox" in 850µs',
      { image: 'busybox', durationMs: 0.85, waitingMs: null, sizeBytes: null },
    ],
    // A size the runtime could not tell is printed as 0: no image is empty.
    [
      'Successfully pulled image "busybox:1.36" in 1s (1s including waiting). Image size: 0 bytes.',
      { image: 'busybox:1.36', durationMs: 1000, waitingMs: 1000, sizeBytes: null },
    ],
    // The event correlator's combined form holds the last message.
    [
      '(combined from similar events): Successfully pulled image "busybox:1.36" in 2s (2s including waiting). Image size: 2228000 bytes.',
      { image: 'busybox:1.36', durationMs: 2000, waitingMs: 2000, sizeBytes: 2228000 },
    ],
    // %q escapes a quote inside the string.
    [
      'Successfully pulled image "odd\\"name" in 1s (1s including waiting). Image size: 5 bytes.',
      { image: 'odd"name', durationMs: 1000, waitingMs: 1000, sizeBytes: 5 },
    ],
  ])('reads a pull: %s', (message, expected) => {
    expect(readImageEvent(kubeletEvent('Pulled', message))).toEqual({
      kind: 'pulled',
      node: 'gpu-1',
      atMs: AT_MS,
      ...expected,
    });
  });

  it.each([
    'Container image "busybox:1.36" already present on machine',
    'Container image "busybox:1.36" already present on machine and can be accessed by the pod',
  ])('an image already present is no pull: %s', (message) => {
    expect(readImageEvent(kubeletEvent('Pulled', message))).toEqual({
      kind: 'present',
      node: 'gpu-1',
      image: 'busybox:1.36',
      atMs: AT_MS,
    });
  });

  it('reads the start, the failure and the back-off of a pull', () => {
    expect(readImageEvent(kubeletEvent('Pulling', 'Pulling image "busybox:1.36"'))).toMatchObject({
      kind: 'pulling',
      image: 'busybox:1.36',
    });
    expect(
      readImageEvent(
        kubeletEvent(
          'Failed',
          'Failed to pull image "quay.io/x/y:nope": rpc error: code = Unknown desc = reading manifest nope in quay.io/x/y: manifest unknown',
          { type: 'Warning' },
        ),
      ),
    ).toMatchObject({ kind: 'failed', image: 'quay.io/x/y:nope', node: 'gpu-1' });
    expect(
      readImageEvent(kubeletEvent('BackOff', 'Back-off pulling image "quay.io/x/y:nope"')),
    ).toMatchObject({ kind: 'backoff', image: 'quay.io/x/y:nope' });
  });

  it("reads the kubelet's start on its Node", () => {
    const node = { involvedObject: { kind: 'Node', name: 'gpu-1' } };
    expect(readImageEvent(kubeletEvent('Starting', 'Starting kubelet.', node))).toEqual({
      kind: 'started',
      node: 'gpu-1',
      atMs: AT_MS,
    });
    expect(readImageEvent(kubeletEvent('Starting', 'Starting kubelet', node)).kind).toBe(
      'unreadable',
    );
    // kube-proxy says `Starting` on the Node too.
    expect(
      readImageEvent(
        kubeletEvent('Starting', '', {
          ...node,
          source: { component: 'kube-proxy', host: 'gpu-1' },
        }),
      ),
    ).toEqual({ kind: 'foreign' });
    expect(readImageEvent(kubeletEvent('Starting', 'Starting kubelet.')).kind).toBe('foreign');
  });

  it.each([
    ['Failed', 'Error: ErrImagePull'],
    ['Failed', 'Error: ImagePullBackOff'],
    ['BackOff', 'Back-off restarting failed container app in pod web-1_shop(1234)'],
    ['Started', 'Started container app'],
    ['Scheduled', 'Successfully assigned shop/web-1 to gpu-1'],
  ])('leaves other events of the kubelet aside: %s %s', (reason, message) => {
    expect(readImageEvent(kubeletEvent(reason, message))).toEqual({ kind: 'foreign' });
  });

  it('leaves aside a pull message from anything but the kubelet', () => {
    const message =
      'Successfully pulled image "busybox:1.36" in 1s (1s including waiting). Image size: 5 bytes.';
    expect(
      readImageEvent(kubeletEvent('Pulled', message, { source: { component: 'my-operator' } })),
    ).toEqual({ kind: 'foreign' });
  });

  it.each([
    [
      'a negative duration',
      'Successfully pulled image "a:1" in -1s (1s including waiting). Image size: 5 bytes.',
      { code: 'duration', value: '-1s' },
    ],
    [
      'a duration without unit',
      'Successfully pulled image "a:1" in 12 (12s including waiting). Image size: 5 bytes.',
      { code: 'duration', value: '12' },
    ],
    [
      'an overflowing duration',
      'Successfully pulled image "a:1" in 9999999999999h (1s including waiting). Image size: 5 bytes.',
      { code: 'duration', value: '9999999999999h' },
    ],
    [
      'a bad waiting time',
      'Successfully pulled image "a:1" in 1s (soon including waiting). Image size: 5 bytes.',
      { code: 'duration', value: 'soon' },
    ],
    [
      'extra text',
      'Successfully pulled image "a:1" in 1s (1s including waiting). Image size: 5 bytes. Have a nice day.',
      { code: 'pulled' },
    ],
    [
      'a size in other units',
      'Successfully pulled image "a:1" in 1s (1s including waiting). Image size: 5 MB.',
      { code: 'pulled' },
    ],
    [
      'a negative size',
      'Successfully pulled image "a:1" in 1s (1s including waiting). Image size: -5 bytes.',
      { code: 'pulled' },
    ],
    [
      'an unclosed quote',
      'Successfully pulled image "a:1 in 1s (1s including waiting). Image size: 5 bytes.',
      { code: 'pulled' },
    ],
    ['an empty image', 'Successfully pulled image "" in 1s', { code: 'image' }],
    ['a translated message', 'Imagen "a:1" descargada en 1s', { code: 'pulled' }],
    ['a truncated message', 'Successfully pulled image "a:1" in', { code: 'pulled' }],
    ['an empty message', '', { code: 'pulled' }],
    ['no message at all', undefined, { code: 'pulled' }],
    ['a message of the wrong type', 42, { code: 'pulled' }],
    [
      'a prefix the kubelet does not write',
      'spec.containers{app}: Successfully pulled image "a:1" in 1s',
      { code: 'pulled' },
    ],
  ])('never reads %s as a pull', (_, message, problem) => {
    const fact = readImageEvent(kubeletEvent('Pulled', message));
    expect(fact.kind).toBe('unreadable');
    expect(fact).toMatchObject({
      node: 'gpu-1',
      reason: 'Pulled',
      message: typeof message === 'string' ? message : '',
      problem,
    });
  });

  it.each([
    ['Pulling', 'Pulling image busybox'],
    ['Pulling', 'Pulling image "busybox" now'],
  ])('says what it cannot read for %s: %s', (reason, message) => {
    expect(readImageEvent(kubeletEvent(reason, message))).toMatchObject({
      kind: 'unreadable',
      problem: { code: 'pulling' },
    });
  });

  it('takes the node from source.host, else reportingInstance', () => {
    const message = 'Pulling image "a:1"';
    expect(
      readImageEvent(
        kubeletEvent('Pulling', message, {
          source: {},
          reportingComponent: 'kubelet',
          reportingInstance: 'worker-2',
        }),
      ),
    ).toMatchObject({ node: 'worker-2' });
    expect(
      readImageEvent(kubeletEvent('Pulling', message, { source: { component: 'kubelet' } })),
    ).toMatchObject({ node: null });
  });

  it('takes the time from lastTimestamp, else eventTime, else creation, whichever is a time', () => {
    const message = 'Pulling image "a:1"';
    expect(
      readImageEvent(
        kubeletEvent('Pulling', message, {
          lastTimestamp: null,
          eventTime: '2026-03-01T10:00:00.123456Z',
        }),
      ),
    ).toMatchObject({ atMs: Date.parse('2026-03-01T10:00:00.123Z') });
    expect(
      readImageEvent(
        kubeletEvent('Pulling', message, {
          lastTimestamp: '1',
          metadata: { creationTimestamp: 'yesterday' },
        }),
      ),
    ).toMatchObject({ atMs: null });
    expect(
      readImageEvent(
        kubeletEvent('Pulling', message, {
          lastTimestamp: undefined,
          metadata: { creationTimestamp: '2026-03-01T09:00:00Z' },
        }),
      ),
    ).toMatchObject({ atMs: Date.parse('2026-03-01T09:00:00Z') });
  });
});

describe('createImageEventReader', () => {
  it('reads an event object once, and a changed object again', () => {
    const read = createImageEventReader();
    const event = kubeletEvent('Pulling', 'Pulling image "a:1"');
    const first = read(event);
    expect(read(event)).toBe(first);
    expect(read({ ...event, message: 'Pulling image "b:2"' })).toMatchObject({ image: 'b:2' });
  });
});
