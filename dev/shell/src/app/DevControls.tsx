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
import { useEffect, useState } from 'react';

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

export const PersonaSelect = () => {
  const [state, setState] = useState<PersonaState>();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    devFetch<PersonaState>('persona')
      .then(setState)
      .catch((e: unknown) => console.error('Cannot read the persona:', e));
  }, []);
  if (!state) return null;
  return (
    <Select
      isOpen={open}
      onOpenChange={setOpen}
      selected={state.persona}
      onSelect={(_e, value) => {
        setOpen(false);
        if (value === state.persona) return;
        devFetch<PersonaState>('persona', {
          method: 'PUT',
          body: JSON.stringify({ persona: value }),
        })
          .then(() => window.location.reload())
          .catch((e: unknown) => console.error('Cannot switch the persona:', e));
      }}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          onClick={() => setOpen(!open)}
          isExpanded={open}
          icon={<UserIcon />}
          data-test="persona-toggle"
        >
          {state.userName} ({state.persona})
        </MenuToggle>
      )}
      popperProps={{ position: 'right' }}
    >
      <SelectList aria-label="Persona">
        {state.personas.map((p) => (
          <SelectOption
            key={p}
            value={p}
            description={p === 'read-only' ? 'Can read, cannot write (403)' : 'cluster-admin'}
          >
            {p}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
};

export const GateSelect = () => {
  const [enabled, setEnabled] = useState<boolean>();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    devFetch<{ enabled: boolean }>('feature-gate')
      .then((s) => setEnabled(s.enabled))
      .catch((e: unknown) => console.error('Cannot read the feature gate:', e));
  }, []);
  if (enabled === undefined) return null;
  return (
    <Select
      isOpen={open}
      onOpenChange={setOpen}
      selected={enabled ? 'on' : 'off'}
      onSelect={(_e, value) => {
        setOpen(false);
        const want = value === 'on';
        if (want === enabled) return;
        devFetch<{ enabled: boolean }>('feature-gate', {
          method: 'PUT',
          body: JSON.stringify({ enabled: want }),
        })
          .then((s) => setEnabled(s.enabled))
          .catch((e: unknown) => console.error('Cannot switch the feature gate:', e));
      }}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          onClick={() => setOpen(!open)}
          isExpanded={open}
          data-test="gate-toggle"
        >
          <Tooltip content="The AdditionalStorageConfig feature gate (simulated cluster)">
            <span>
              Storage gate{' '}
              <Label isCompact color={enabled ? 'green' : 'grey'}>
                {enabled ? 'on' : 'off'}
              </Label>
            </span>
          </Tooltip>
        </MenuToggle>
      )}
      popperProps={{ position: 'right' }}
    >
      <SelectList aria-label="AdditionalStorageConfig feature gate">
        <SelectOption value="on" description="TechPreviewNoUpgrade: additional store fields exist">
          on
        </SelectOption>
        <SelectOption value="off" description="Default feature set: the CRD lacks the store fields">
          off
        </SelectOption>
      </SelectList>
    </Select>
  );
};
