/**
 * The modules the shell offers plugins, as console 4.22 offers them: PatternFly's components,
 * tables and icons at the console's versions (react-core and react-table 6.4.2, react-icons
 * 6.4.0), whatever a plugin was built with. The earlier shell announced the installed versions
 * and offered no icons, so a plugin's own newer PatternFly never showed.
 */
import { CONSOLE_PATTERNFLY_VERSIONS, shared } from '../../../webpack.config';

const offered = (pkg: string) =>
  Object.entries(shared).filter(([key]) => key.startsWith(`${pkg}/dist/dynamic/`));

describe('the shell’s shared modules', () => {
  it.each([
    ['@patternfly/react-core', '6.4.2', 'components/Alert'],
    ['@patternfly/react-table', '6.4.2', 'components/Table'],
    ['@patternfly/react-icons', '6.4.0', 'icons/check-circle-icon'],
  ])('offers %s at %s, eagerly, so it wins a tie with a plugin', (pkg, version, module) => {
    expect(CONSOLE_PATTERNFLY_VERSIONS[pkg]).toBe(version);
    const entries = offered(pkg);
    expect(entries.length).toBeGreaterThan(1);
    expect(entries.every(([, config]) => config.version === version && config.eager)).toBe(true);
    expect(shared[`${pkg}/dist/dynamic/${module}`]).toBeDefined();
  });
});
