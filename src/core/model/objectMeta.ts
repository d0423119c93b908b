/**
 * ObjectMeta's fields that the API server sets and a client only reads back: a new object leaves
 * them out.
 */
export const SERVER_SET_METADATA: readonly string[] = [
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
];
