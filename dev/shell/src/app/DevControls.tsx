/**
 * The masthead's controls of the simulated cluster (/api/dev/…): the persona everyone is (a switch
 * reloads the page, as logging in as someone else does in the console) and the
 * AdditionalStorageConfig feature gate (changes the FeatureGate object, which pages watch).
 */
import {
  Label,
  MenuToggle,
  Select,
  SelectList,
  SelectOption,
  Tooltip,
} from '@patternfly/react-core';
import { UserIcon } from '@patternfly/react-icons';
import { type ReactNode, useEffect, useState } from 'react';

type PersonaState = { persona: string; userName: string; personas: string[] };

const devFetch = async <T,>(path: string, init?: RequestInit): Promise<T> => {
  const res = await fetch(`/api/dev/${path}`, {
    ...init,
    headers: {
      'Content-Type': 'application/json',
      ...(init?.headers as Record<string, string> | undefined),
    },
  });
  if (!res.ok) throw new Error(`/api/dev/${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

interface DevSelectProps {
  label: string;
  selected: string;
  options: { value: string; description: string }[];
  onPick: (value: string) => void;
  toggleTest: string;
  icon?: ReactNode;
  children: ReactNode;
}

/** A masthead select of the simulated cluster: the toggle shows the state, a new choice is sent. */
const DevSelect = ({
  label,
  selected,
  options,
  onPick,
  toggleTest,
  icon,
  children,
}: DevSelectProps) => {
  const [open, setOpen] = useState(false);
  return (
    <Select
      isOpen={open}
      onOpenChange={setOpen}
      selected={selected}
      onSelect={(_e, value) => {
        setOpen(false);
        if (typeof value === 'string' && value !== selected) onPick(value);
      }}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          onClick={() => setOpen(!open)}
          isExpanded={open}
          icon={icon}
          data-test={toggleTest}
        >
          {children}
        </MenuToggle>
      )}
      popperProps={{ position: 'right' }}
    >
      <SelectList aria-label={label}>
        {options.map(({ value, description }) => (
          <SelectOption key={value} value={value} description={description}>
            {value}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
};

export const PersonaSelect = () => {
  const [state, setState] = useState<PersonaState>();
  useEffect(() => {
    devFetch<PersonaState>('persona')
      .then(setState)
      .catch((e: unknown) => console.error('Cannot read the persona:', e));
  }, []);
  if (!state) return null;
  return (
    <DevSelect
      label="Persona"
      selected={state.persona}
      options={state.personas.map((p) => ({
        value: p,
        description: p === 'read-only' ? 'Can read, cannot write (403)' : 'cluster-admin',
      }))}
      onPick={(persona) => {
        devFetch<PersonaState>('persona', { method: 'PUT', body: JSON.stringify({ persona }) })
          .then(() => window.location.reload())
          .catch((e: unknown) => console.error('Cannot switch the persona:', e));
      }}
      toggleTest="persona-toggle"
      icon={<UserIcon />}
    >
      {state.userName} ({state.persona})
    </DevSelect>
  );
};

const GATE_OPTIONS = [
  { value: 'on', description: 'TechPreviewNoUpgrade: additional store fields exist' },
  { value: 'off', description: 'Default feature set: the CRD lacks the store fields' },
];

export const GateSelect = () => {
  const [enabled, setEnabled] = useState<boolean>();
  useEffect(() => {
    devFetch<{ enabled: boolean }>('feature-gate')
      .then((s) => setEnabled(s.enabled))
      .catch((e: unknown) => console.error('Cannot read the feature gate:', e));
  }, []);
  if (enabled === undefined) return null;
  return (
    <DevSelect
      label="AdditionalStorageConfig feature gate"
      selected={enabled ? 'on' : 'off'}
      options={GATE_OPTIONS}
      onPick={(value) => {
        devFetch<{ enabled: boolean }>('feature-gate', {
          method: 'PUT',
          body: JSON.stringify({ enabled: value === 'on' }),
        })
          .then((s) => setEnabled(s.enabled))
          .catch((e: unknown) => console.error('Cannot switch the feature gate:', e));
      }}
      toggleTest="gate-toggle"
    >
      <Tooltip content="The AdditionalStorageConfig feature gate (simulated cluster)">
        <span>
          Storage gate{' '}
          <Label isCompact color={enabled ? 'green' : 'grey'}>
            {enabled ? 'on' : 'off'}
          </Label>
        </span>
      </Tooltip>
    </DevSelect>
  );
};
