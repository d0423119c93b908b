import { Alert } from '@patternfly/react-core';
import { readApiFailure } from '../../../core/apiFailure';

/** A watch that failed: what it was watching, and the API server's answer. */
export const LoadError = ({ title, error }: { title: string; error: unknown }) => {
  const failure = readApiFailure(error);
  return (
    <Alert variant="danger" isInline title={title}>
      {failure.code !== undefined ? `${failure.code}: ${failure.message}` : failure.message}
    </Alert>
  );
};
