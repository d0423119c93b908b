import {
  Label,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  PageToggleButton,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
  ToggleGroup,
  ToggleGroupItem,
} from '@patternfly/react-core';
import { BarsIcon, MoonIcon, SunIcon } from '@patternfly/react-icons';
import { Link } from 'react-router';
import { serverFlags } from '../server-flags';
import { GateSelect, PersonaSelect } from './DevControls';
import { setTheme, useTheme } from './theme';

export const ShellMasthead = () => {
  const theme = useTheme();
  return (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton variant="plain" aria-label="Global navigation" isHamburgerButton>
            <BarsIcon />
          </PageToggleButton>
        </MastheadToggle>
        <MastheadBrand>
          <MastheadLogo component={(props) => <Link {...props} to="/" />}>
            <span className="co-shell-brand">
              <span className="co-shell-brand__product">Red Hat OpenShift</span>
              <Label isCompact color="orange" className="co-shell-brand__label">
                dev shell
              </Label>
            </span>
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar id="masthead-toolbar" isFullHeight isStatic>
          <ToolbarContent>
            <ToolbarGroup align={{ default: 'alignEnd' }} gap={{ default: 'gapMd' }}>
              <ToolbarItem visibility={{ default: 'hidden', lg: 'visible' }}>
                <Label isCompact variant="outline" data-test="cluster-label">
                  simulated cluster · {serverFlags.dev.nodes + 3} nodes ·{' '}
                  {serverFlags.releaseVersion}
                </Label>
              </ToolbarItem>
              <ToolbarItem>
                <GateSelect />
              </ToolbarItem>
              <ToolbarItem>
                <ToggleGroup aria-label="Theme" isCompact>
                  <ToggleGroupItem
                    icon={<SunIcon />}
                    aria-label="Light theme"
                    buttonId="theme-light"
                    isSelected={theme === 'light'}
                    onChange={() => setTheme('light')}
                  />
                  <ToggleGroupItem
                    icon={<MoonIcon />}
                    aria-label="Dark theme"
                    buttonId="theme-dark"
                    isSelected={theme === 'dark'}
                    onChange={() => setTheme('dark')}
                  />
                </ToggleGroup>
              </ToolbarItem>
              <ToolbarItem>
                <PersonaSelect />
              </ToolbarItem>
            </ToolbarGroup>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );
};
