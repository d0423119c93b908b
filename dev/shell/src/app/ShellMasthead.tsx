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
import { type Theme, setTheme, useTheme } from './theme';

const THEMES: { theme: Theme; icon: typeof SunIcon; label: string }[] = [
  { theme: 'light', icon: SunIcon, label: 'Light theme' },
  { theme: 'dark', icon: MoonIcon, label: 'Dark theme' },
];

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
                  {THEMES.map(({ theme: value, icon: Icon, label }) => (
                    <ToggleGroupItem
                      key={value}
                      icon={<Icon />}
                      aria-label={label}
                      buttonId={`theme-${value}`}
                      isSelected={theme === value}
                      onChange={() => setTheme(value)}
                    />
                  ))}
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
