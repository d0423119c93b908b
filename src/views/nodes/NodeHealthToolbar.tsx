import {
  MenuToggle,
  Select,
  SelectList,
  SelectOption,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarFilter,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { memo, useState } from 'react';
import { NO_POOL, type NodeQuery } from '../../core/dashboard/query';
import { HEALTH_STATES, ROLLOUT_STATES } from '../../core/dashboard/types';
import { useLazyPullTranslation } from '../shared/i18n';
import { SearchField } from '../shared/SearchField';
import { useStateNames } from './StateStatus';
import { injectStyles } from '../shared/styles';
import styles from './nodes.css';

injectStyles(styles);

interface Option {
  value: string;
  label: string;
}

interface MultiSelectProps {
  label: string;
  options: Option[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
}

/** A checkbox select for one filter category. */
const MultiSelect = ({ label, options, selected, onChange }: MultiSelectProps) => {
  const [open, setOpen] = useState(false);
  return (
    <Select
      role="menu"
      isOpen={open}
      selected={selected}
      onSelect={(_e, value) => {
        const v = String(value);
        onChange(selected.includes(v) ? selected.filter((s) => s !== v) : [...selected, v]);
      }}
      onOpenChange={setOpen}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          onClick={() => setOpen((o) => !o)}
          isExpanded={open}
          badge={selected.length > 0 ? selected.length : undefined}
        >
          {label}
        </MenuToggle>
      )}
    >
      <SelectList aria-label={label}>
        {options.map((o) => (
          <SelectOption
            key={o.value}
            value={o.value}
            hasCheckbox
            isSelected={selected.includes(o.value)}
          >
            {o.label}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
};

interface NodeHealthToolbarProps {
  query: NodeQuery;
  /** Pool names to filter by (the no-pool group included as NO_POOL when it has nodes). */
  pools: readonly string[];
  shown: number;
  total: number;
  /** While the node list is still loading: how many nodes the cluster has (null: not known). */
  loading: { expected: number | null } | null;
  onChange: (change: Partial<NodeQuery>) => void;
}

/** Memoized: node updates that change no count leave it as it is. */
export const NodeHealthToolbar = memo(function NodeHealthToolbar({
  query,
  pools,
  shown,
  total,
  loading,
  onChange,
}: NodeHealthToolbarProps) {
  const { t, i18n } = useLazyPullTranslation();
  const names = useStateNames();
  const numbers = new Intl.NumberFormat(i18n.language);
  const count = (n: number) => numbers.format(n);
  const poolLabel = (p: string) => (p === NO_POOL ? t('No pool') : p);
  const healthOptions = HEALTH_STATES.map((s) => ({ value: s, label: names.health[s] }));
  const rolloutOptions = ROLLOUT_STATES.map((s) => ({ value: s, label: names.rollout[s] }));
  const labelFor = (options: Option[], value: string) =>
    options.find((o) => o.value === value)?.label ?? value;
  const chips = (values: readonly string[], options: Option[]) =>
    values.map((v) => ({ key: v, node: labelFor(options, v) }));
  const poolOptions = pools.map((p) => ({ value: p, label: poolLabel(p) }));

  type Category = 'pools' | 'health' | 'rollout';
  const filters: { category: Category; name: string; options: Option[] }[] = [
    { category: 'pools', name: t('Pool'), options: poolOptions },
    { category: 'health', name: t('Health'), options: healthOptions },
    { category: 'rollout', name: t('Rollout'), options: rolloutOptions },
  ];
  const remove = (category: Category, value: string) =>
    onChange({ [category]: (query[category] as readonly string[]).filter((v) => v !== value) });

  return (
    <Toolbar
      clearAllFilters={() => onChange({ pools: [], health: [], rollout: [], text: '' })}
      clearFiltersButtonText={t('Clear all filters')}
      aria-label={t('Node filters')}
    >
      <ToolbarContent>
        <ToolbarItem className="lazy-pull-node-search">
          <SearchField
            label={t('Search by node, pool or image')}
            value={query.text}
            onChange={(text) => onChange({ text })}
          />
        </ToolbarItem>
        <ToolbarGroup variant="filter-group">
          {filters.map(({ category, name, options }) => (
            <ToolbarFilter
              key={category}
              categoryName={name}
              labels={chips(query[category], options)}
              deleteLabel={(_c, label) =>
                remove(category, typeof label === 'string' ? label : label.key)
              }
              deleteLabelGroup={() => onChange({ [category]: [] })}
            >
              <MultiSelect
                label={name}
                options={options}
                selected={query[category]}
                onChange={(v) => onChange({ [category]: v })}
              />
            </ToolbarFilter>
          ))}
        </ToolbarGroup>
        <ToolbarItem variant="pagination" aria-live="polite">
          {loading === null ? (
            t('{{shown}} of {{total}} nodes', { shown: count(shown), total: count(total) })
          ) : (
            <>
              <Spinner size="sm" aria-hidden="true" />{' '}
              {loading.expected === null
                ? t('{{shown}} of {{total}} nodes so far, still loading', {
                    shown: count(shown),
                    total: count(total),
                  })
                : t('{{shown}} of {{total}} nodes so far, {{expected}} in the cluster', {
                    shown: count(shown),
                    total: count(total),
                    expected: count(loading.expected),
                  })}
            </>
          )}
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );
});
