import { Bullseye, Spinner } from '@patternfly/react-core';

export const Loading = () => (
  <Bullseye className="co-loading">
    <Spinner size="lg" aria-label="Loading" />
  </Bullseye>
);
