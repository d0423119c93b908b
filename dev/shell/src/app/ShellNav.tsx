/**
 * The console's admin-perspective navigation, cut down to what the plugin lives next to, with the
 * plugin's `console.navigation/*` extensions placed as the console places them: into their section,
 * honouring `insertAfter` / `insertBefore` against the console's own item ids, labels translated
 * from `%namespace~Text%`.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import {
  isHrefNavItem,
  isNavSection,
  isResourceClusterNavItem,
  isResourceNSNavItem,
} from '@openshift-console/dynamic-plugin-sdk/lib/extensions/navigation';
import { Nav, NavExpandable, NavItem, NavList } from '@patternfly/react-core';
import { getFlags, subscribeFlags } from '../sdk/flags';
import { useExtensions, type LoadedExtension } from '@openshift/dynamic-plugin-sdk';
import { forwardRef, useMemo, type AnchorHTMLAttributes, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { translateLabel } from '../i18n';
import { findModel, resourcePath } from '../sdk/models';

type Item = {
  id: string;
  name: string;
  href: string;
  startsWith?: string[];
  dataAttributes?: Record<string, string>;
  /** A feature flag the item needs, as the console's own nav items declare them. */
  flag?: string;
};
type Section = { id: string; name: string; items: Item[] };

const MCP = 'machineconfiguration.openshift.io~v1~MachineConfigPool';
const MC = 'machineconfiguration.openshift.io~v1~MachineConfig';

const baseSections = (): Section[] => [
  { id: 'home', name: 'Home', items: [{ id: 'overview', name: 'Overview', href: '/' }] },
  {
    id: 'compute',
    name: 'Compute',
    items: [
      { id: 'nodes', name: 'Nodes', href: '/k8s/cluster/nodes' },
      {
        id: 'machineconfigs',
        name: 'MachineConfigs',
        href: `/k8s/cluster/${MC}`,
        flag: 'MACHINE_CONFIG',
      },
      {
        id: 'machineconfigpools',
        name: 'MachineConfigPools',
        href: `/k8s/cluster/${MCP}`,
        flag: 'MACHINE_CONFIG',
      },
    ],
  },
  {
    id: 'administration',
    name: 'Administration',
    items: [
      {
        id: 'featuregates',
        name: 'Cluster Settings',
        href: '/k8s/cluster/config.openshift.io~v1~FeatureGate/cluster',
      },
    ],
  },
];

const asList = (v?: string | string[]): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** Inserts after the first `insertAfter` id present, else before the first `insertBefore` id, else at the end. */
const place = <T extends { id: string }>(
  list: T[],
  entry: T,
  props: { insertAfter?: string | string[]; insertBefore?: string | string[] },
) => {
  for (const id of asList(props.insertAfter)) {
    const i = list.findIndex((x) => x.id === id);
    if (i >= 0) return void list.splice(i + 1, 0, entry);
  }
  for (const id of asList(props.insertBefore)) {
    const i = list.findIndex((x) => x.id === id);
    if (i >= 0) return void list.splice(i, 0, entry);
  }
  list.push(entry);
};

const inPerspective = (
  e: LoadedExtension<SDK.HrefNavItem | SDK.ResourceNavItem | SDK.NavSection>,
) => !e.properties.perspective || e.properties.perspective === 'admin';

const LinkAdapter = forwardRef<HTMLAnchorElement, AnchorHTMLAttributes<HTMLAnchorElement>>(
  ({ href, ...rest }, ref) => <Link ref={ref} to={href ?? '/'} {...rest} />,
);
LinkAdapter.displayName = 'LinkAdapter';

export const ShellNav = () => {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const sectionExts = useExtensions<SDK.NavSection>(isNavSection);
  const hrefExts = useExtensions<SDK.HrefNavItem>(isHrefNavItem);
  const resourceExts = useExtensions<SDK.ResourceNavItem>(
    (e): e is SDK.ResourceNavItem => isResourceClusterNavItem(e) || isResourceNSNavItem(e),
  );

  const flags = useSyncExternalStore(subscribeFlags, getFlags);

  const sections = useMemo(() => {
    const result = baseSections().map((s) => ({
      ...s,
      items: s.items.filter((item) => !item.flag || flags[item.flag] === true),
    }));
    sectionExts
      .filter(inPerspective)
      .forEach((e) =>
        place(
          result,
          { id: e.properties.id, name: translateLabel(e.properties.name, t), items: [] },
          e.properties,
        ),
      );
    const items: [LoadedExtension<SDK.HrefNavItem | SDK.ResourceNavItem>, Item][] = [
      ...hrefExts.map((e): [LoadedExtension<SDK.HrefNavItem | SDK.ResourceNavItem>, Item] => [
        e,
        {
          id: e.properties.id,
          name: translateLabel(e.properties.name, t),
          href: e.properties.href,
          startsWith: e.properties.startsWith,
          dataAttributes: e.properties.dataAttributes,
        },
      ]),
      ...resourceExts.map((e): [LoadedExtension<SDK.HrefNavItem | SDK.ResourceNavItem>, Item] => {
        const model = findModel(e.properties.model);
        const ref = [
          e.properties.model.group,
          e.properties.model.version,
          e.properties.model.kind,
        ].join('~');
        return [
          e,
          {
            id: e.properties.id,
            name:
              translateLabel(e.properties.name, t) || model?.labelPlural || e.properties.model.kind,
            href: resourcePath(model, ref),
            startsWith: e.properties.startsWith,
            dataAttributes: e.properties.dataAttributes,
          },
        ];
      }),
    ];
    items
      .filter(([e]) => inPerspective(e))
      .forEach(([e, item]) => {
        const section = result.find((s) => s.id === e.properties.section);
        if (section) place(section.items, item, e.properties);
        else if (!e.properties.section)
          place(result, { id: item.id, name: '', items: [item] }, e.properties);
        else
          console.error(
            `Navigation item ${item.id} names an unknown section "${e.properties.section}"`,
          );
      });
    return result;
  }, [sectionExts, hrefExts, resourceExts, t, flags]);

  const isActive = (item: Item) =>
    item.href === '/'
      ? pathname === '/'
      : pathname === item.href ||
        pathname.startsWith(`${item.href}/`) ||
        (item.startsWith ?? []).some((p) =>
          pathname.startsWith(p.startsWith('/') ? p : `/k8s/cluster/${p}`),
        );

  const renderItem = (item: Item) => (
    <NavItem
      key={item.id}
      itemId={item.id}
      to={item.href}
      isActive={isActive(item)}
      component={LinkAdapter}
      data-test-id={item.id}
      {...item.dataAttributes}
    >
      {item.name}
    </NavItem>
  );

  return (
    <Nav aria-label="Global">
      <NavList>
        {sections.map((s) =>
          s.name === '' ? (
            s.items.map(renderItem)
          ) : (
            <NavExpandable
              key={s.id}
              title={s.name}
              groupId={s.id}
              isActive={s.items.some(isActive)}
              isExpanded={s.id === 'compute' || s.items.some(isActive)}
              data-test-id={`nav-section-${s.id}`}
            >
              {s.items.map(renderItem)}
            </NavExpandable>
          ),
        )}
      </NavList>
    </Nav>
  );
};
