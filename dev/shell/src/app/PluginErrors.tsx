/** Plugin load failures and code-reference resolution failures, at the top of every page, loudly. */
import { Alert, AlertGroup } from '@patternfly/react-core';
import { useSyncExternalStore } from 'react';
import { getPluginProblems, subscribePluginProblems } from '../plugins';

export const PluginErrors = () => {
  const problems = useSyncExternalStore(subscribePluginProblems, getPluginProblems);
  if (problems.length === 0) return null;
  return (
    <AlertGroup className="co-shell-plugin-errors">
      {problems.map((p, i) => (
        <Alert
          key={i}
          variant="danger"
          title={`Plugin ${p.plugin} failed: ${p.message}`}
          data-test="plugin-error"
        >
          {p.cause && <pre className="co-shell-pre">{p.cause}</pre>}
        </Alert>
      ))}
    </AlertGroup>
  );
};
