/**
 * Contains a crash of plugin code to its part of the page and shows it loudly, with the stack;
 * the error is also logged (console.error), which makes the integration tests fail.
 */
import { Alert, ExpandableSection } from '@patternfly/react-core';
import { Component, type ErrorInfo, type ReactNode } from 'react';

type Props = { title: string; children: ReactNode };
type State = { error?: Error; componentStack?: string };

export class ErrorBoundary extends Component<Props, State> {
  state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`${this.props.title}:`, error, info.componentStack);
    this.setState({ componentStack: info.componentStack ?? undefined });
  }

  render() {
    const { error, componentStack } = this.state;
    if (!error) return this.props.children;
    return (
      <Alert
        variant="danger"
        isInline
        title={this.props.title}
        className="co-shell-error"
        data-test="shell-error"
      >
        <p>
          <strong>{error.name}:</strong> {error.message}
        </p>
        <ExpandableSection toggleText="Stack trace">
          <pre className="co-shell-pre">
            {error.stack}
            {componentStack}
          </pre>
        </ExpandableSection>
      </Alert>
    );
  }
}
