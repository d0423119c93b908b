import {
  Button,
  FormGroup,
  FormHelperText,
  FormSection,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  InputGroup,
  InputGroupItem,
  TextInput,
} from '@patternfly/react-core';
import {
  ArrowDownIcon,
  ArrowUpIcon,
  MinusCircleIcon,
  PlusCircleIcon,
} from '@patternfly/react-icons';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { KNOWN_STORE_PLUGINS, storePathHint, storePluginOfPath } from '../../../core/storePlugins';
import type { StoreField } from '../../../core/model/types';
import { STORE_LIST_MAX_ITEMS } from '../../../core/validation/storePaths';
import type { FieldError } from '../../../core/validation/types';
import { useLazyPullTranslation } from '../../shared/i18n';
import { itemErrors, listErrors } from './fieldErrors';

const CUSTOM = 'custom';

interface StoreListFieldProps {
  field: StoreField;
  paths: string[];
  onChange: (paths: string[]) => void;
  errors: readonly FieldError[];
  readOnly: boolean;
  /** Offer the known storage plugins (layer stores only). */
  withPresets: boolean;
  title: string;
  description: ReactNode;
  itemLabel: (position: number) => string;
  addLabel: string;
  emptyText: string;
}

type Focus = { index: number; target: 'up' | 'down' | 'path' | 'add' };

/** The two move buttons of a row: which way, how far, and the button that keeps focus at an end. */
const MOVES = [
  { dir: 'up', step: -1, Icon: ArrowUpIcon, other: 'down' },
  { dir: 'down', step: 1, Icon: ArrowDownIcon, other: 'up' },
] as const;

const move = (paths: string[], from: number, to: number): string[] => {
  const next = [...paths];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
};

/** An ordered list of store paths: edit, add, remove, reorder; problems shown at each row. */
export const StoreListField = ({
  field,
  paths,
  onChange,
  errors,
  readOnly,
  withPresets,
  title,
  description,
  itemLabel,
  addLabel,
  emptyText,
}: StoreListFieldProps) => {
  const { t } = useLazyPullTranslation();
  const max = STORE_LIST_MAX_ITEMS[field];
  const container = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState<Focus | null>(null);

  // Keep keyboard focus on the control the user acted on after the rows re-render in a new order.
  // Each request is carried out once, in the render that applies the change (the list and the
  // request are set in the same event): re-running it on later renders would pull focus back
  // here from whatever field the user types in next.
  useEffect(() => {
    if (!focus) return;
    const find = (key: string) =>
      container.current?.querySelector<HTMLElement>(`[data-focus-key="${key}"]:not(:disabled)`);
    const key = focus.target === 'add' ? 'add' : `${focus.index}-${focus.target}`;
    (find(key) ?? find(`${focus.index}-path`) ?? find('add'))?.focus();
  }, [focus]);

  const nextDefault = (): string => {
    if (!withPresets) return '';
    return KNOWN_STORE_PLUGINS.find((p) => !paths.includes(p.mountPoint))?.mountPoint ?? '';
  };

  const list = listErrors(errors, field);
  const base = `lazy-pull-${field}`;
  const seen = new Set<string>();

  return (
    <div ref={container}>
      <FormSection title={title} titleElement="h3">
        <HelperText>
          <HelperTextItem>{description}</HelperTextItem>
        </HelperText>
        {paths.length === 0 && (
          <HelperText>
            <HelperTextItem>{emptyText}</HelperTextItem>
          </HelperText>
        )}
        {paths.map((path, i) => {
          const id = `${base}-${i}`;
          const position = i + 1;
          const label = itemLabel(position);
          const rowErrors = itemErrors(errors, field, i);
          const duplicate = path !== '' && seen.has(path);
          seen.add(path);
          const hint = storePathHint(field, path);
          const plugin = storePluginOfPath(path);
          const validated =
            rowErrors.some((e) => e.severity === 'error') || duplicate
              ? 'error'
              : hint
                ? 'warning'
                : 'default';
          return (
            <FormGroup key={id} label={label} fieldId={id}>
              <InputGroup>
                {withPresets && (
                  <InputGroupItem>
                    <FormSelect
                      id={`${id}-plugin`}
                      className="lazy-pull-editor__plugin-select"
                      value={plugin ?? CUSTOM}
                      isDisabled={readOnly}
                      aria-label={t('Storage plugin of {{item}}', { item: label })}
                      onChange={(_e, value) => {
                        const preset = KNOWN_STORE_PLUGINS.find((p) => p.id === value);
                        onChange(
                          paths.map((p, j) => (j === i ? (preset ? preset.mountPoint : '') : p)),
                        );
                        if (!preset) setFocus({ index: i, target: 'path' });
                      }}
                    >
                      <FormSelectOption value="stargz-store" label={t('stargz-store')} />
                      <FormSelectOption value="nydus-store" label={t('nydus-store')} />
                      <FormSelectOption value={CUSTOM} label={t('Custom path')} />
                    </FormSelect>
                  </InputGroupItem>
                )}
                <InputGroupItem isFill>
                  <TextInput
                    id={id}
                    data-focus-key={`${i}-path`}
                    value={path}
                    readOnlyVariant={readOnly ? 'default' : undefined}
                    validated={validated}
                    aria-describedby={`${id}-helper`}
                    onChange={(_e, value) => onChange(paths.map((p, j) => (j === i ? value : p)))}
                  />
                </InputGroupItem>
                {!readOnly && (
                  <>
                    {MOVES.map(({ dir, step, Icon, other }) => {
                      const to = i + step;
                      const edge = step < 0 ? 0 : paths.length - 1;
                      return (
                        <InputGroupItem isPlain key={dir}>
                          <Button
                            data-focus-key={`${i}-${dir}`}
                            variant="plain"
                            icon={<Icon />}
                            aria-label={
                              dir === 'up'
                                ? t('Move {{item}} up', { item: label })
                                : t('Move {{item}} down', { item: label })
                            }
                            isDisabled={i === edge}
                            onClick={() => {
                              onChange(move(paths, i, to));
                              // At the end of the list this button is disabled: focus its twin.
                              setFocus({ index: to, target: to === edge ? other : dir });
                            }}
                          />
                        </InputGroupItem>
                      );
                    })}
                    <InputGroupItem isPlain>
                      <Button
                        variant="plain"
                        icon={<MinusCircleIcon />}
                        aria-label={t('Remove {{item}}', { item: label })}
                        onClick={() => {
                          onChange(paths.filter((_p, j) => j !== i));
                          setFocus(
                            paths.length > 1
                              ? { index: Math.min(i, paths.length - 2), target: 'path' }
                              : { index: 0, target: 'add' },
                          );
                        }}
                      />
                    </InputGroupItem>
                  </>
                )}
              </InputGroup>
              <FormHelperText>
                <HelperText id={`${id}-helper`}>
                  {rowErrors.map((e) => (
                    <HelperTextItem
                      key={`${e.field}-${e.message}`}
                      variant={e.severity === 'error' ? 'error' : 'warning'}
                    >
                      {e.message}
                    </HelperTextItem>
                  ))}
                  {duplicate && (
                    <HelperTextItem variant="error">
                      {t('The same path is listed above.')}
                    </HelperTextItem>
                  )}
                  {hint && (
                    <HelperTextItem variant="warning">
                      {t(
                        '{{path}} is the root directory of {{plugin}}, not its mount point. CRI-O must be given the mount point, {{suggestion}}.',
                        { path, plugin: hint.plugin, suggestion: hint.suggestion },
                      )}{' '}
                      {!readOnly && (
                        <Button
                          variant="link"
                          isInline
                          onClick={() =>
                            onChange(paths.map((p, j) => (j === i ? hint.suggestion : p)))
                          }
                        >
                          {t('Use {{suggestion}}', { suggestion: hint.suggestion })}
                        </Button>
                      )}
                    </HelperTextItem>
                  )}
                  {plugin === 'nydus-store' && (
                    <HelperTextItem>
                      {t(
                        'nydus-store is marked as in progress upstream and has not been maintained since 2023.',
                      )}
                    </HelperTextItem>
                  )}
                </HelperText>
              </FormHelperText>
            </FormGroup>
          );
        })}
        <HelperText aria-live="polite">
          {list.map((e) => (
            <HelperTextItem key={e.message} variant={e.severity === 'error' ? 'error' : 'warning'}>
              {e.message}
            </HelperTextItem>
          ))}
        </HelperText>
        {!readOnly && (
          <div>
            <Button
              data-focus-key="add"
              variant="link"
              icon={<PlusCircleIcon />}
              isDisabled={paths.length >= max}
              onClick={() => {
                onChange([...paths, nextDefault()]);
                setFocus({ index: paths.length, target: 'path' });
              }}
            >
              {addLabel}
            </Button>
            <HelperText>
              <HelperTextItem>
                {t('{{count}} of at most {{max}}', { count: paths.length, max })}
              </HelperTextItem>
            </HelperText>
          </div>
        )}
      </FormSection>
    </div>
  );
};
