/** ResourceLink and ResourceIcon: the kind's abbreviation badge and a link to /k8s/cluster/<ref>/<name>, as in the console. */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { transformGroupVersionKindToReference } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-ref';
import { Link } from 'react-router';
import { findModel, resourcePath } from '../models';

const kindOf = (kind?: string, gvk?: SDK.K8sGroupVersionKind): string =>
  gvk ? transformGroupVersionKindToReference(gvk) : (kind ?? '');

export const ResourceIcon: typeof SDK.ResourceIcon = ({ className, kind, groupVersionKind }) => {
  const ref = kindOf(kind, groupVersionKind);
  const model = findModel(groupVersionKind ?? kind);
  const label = model?.abbr ?? (ref.split('~').pop() ?? '').replace(/[^A-Z]/g, '').slice(0, 4);
  return (
    <span className={`co-m-resource-icon ${className ?? ''}`} title={model?.label ?? ref}>
      {label}
    </span>
  );
};

export const ResourceLink: typeof SDK.ResourceLink = ({
  kind,
  groupVersionKind,
  className,
  displayName,
  inline = false,
  linkTo = true,
  name,
  namespace,
  hideIcon,
  title,
  dataTest,
  onClick,
  truncate,
  nameSuffix,
  children,
}) => {
  if (!kind && !groupVersionKind) return null;
  const ref = kindOf(kind, groupVersionKind);
  const model = findModel(groupVersionKind ?? kind);
  const value = displayName || name;
  const classes = [
    'co-resource-item',
    inline ? 'co-resource-item--inline' : '',
    truncate ? 'co-resource-item--truncate' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <span className={classes}>
      {!hideIcon && <ResourceIcon kind={kind} groupVersionKind={groupVersionKind} />}
      {linkTo && name ? (
        <Link
          to={resourcePath(model, ref, name, namespace)}
          title={title}
          className="co-resource-item__resource-name"
          data-test-id={value}
          data-test={dataTest ?? value}
          onClick={onClick}
        >
          {value}
          {nameSuffix}
        </Link>
      ) : (
        <span
          className="co-resource-item__resource-name"
          data-test-id={value}
          data-test={dataTest ?? value}
        >
          {value}
          {nameSuffix}
        </span>
      )}
      {children}
    </span>
  );
};
