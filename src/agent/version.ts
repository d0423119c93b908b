import { version as packageVersion } from '../../package.json';

/**
 * The version the agent reports: AGENT_VERSION when the image build sets it (e.g. a git
 * describe), else the package version, which esbuild inlines into the bundle.
 */
export const resolveAgentVersion = (env: NodeJS.ProcessEnv): string => {
  const fromEnv = env.AGENT_VERSION?.trim();
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : packageVersion;
};
