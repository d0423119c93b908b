/**
 * Stand-ins for the console's resource pages, so that the plugin's links lead somewhere real:
 * /k8s/cluster/<plural or group~version~Kind> lists the objects, /k8s/cluster/<…>/<name> shows one
 * (Details and YAML tabs, plus any `console.tab/horizontalNav` tabs plugins add for the kind — the
 * plugin's Node tab appears on /k8s/cluster/nodes/<name>/…).
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { getGroupVersionKindForModel } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-ref';
import {
  Alert,
  Breadcrumb,
  Button,
  Flex,
  BreadcrumbItem,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  LabelGroup,
  PageSection,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link, useParams, useSearchParams } from 'react-router';
import { stringify } from 'yaml';
import { DocumentTitle } from '../sdk/components/DocumentTitle';
import { HorizontalNav } from '../sdk/components/HorizontalNav';
import { Loading } from '../sdk/components/Loading';
import { ResourceIcon, ResourceLink } from '../sdk/components/ResourceLink';
import { Timestamp } from '../sdk/components/Timestamp';
import { findModel, resourcePath } from '../sdk/models';
import { useK8sWatchResource } from '../sdk/watch';
import { useYamlTemplates } from './CreateFromYaml';

type K8sObject = SDK.K8sResourceCommon & Record<string, unknown>;

const MAX_ROWS = 500;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

const UnknownKind = ({ ref }: { ref: string }) => (
  <PageSection>
    <Alert variant="danger" isInline title={`No model for "${ref}"`} data-test="shell-error">
      The simulated cluster does not serve this resource.
    </Alert>
  </PageSection>
);

export const ResourceListPage = () => {
  const { ref = '' } = useParams();
  const model = findModel(ref);
  const [items, loaded, loadError] = useK8sWatchResource<K8sObject[]>(
    model
      ? {
          groupVersionKind: getGroupVersionKindForModel(model),
          isList: true,
          partialMetadata: true,
        }
      : null,
  );
  const [templates] = useYamlTemplates(model);
  if (!model) return <UnknownKind ref={ref} />;
  const sorted = [...(items ?? [])].sort((a, b) =>
    (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
  );
  return (
    <>
      <DocumentTitle>{model.labelPlural}</DocumentTitle>
      <PageSection>
        <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }}>
          <Title headingLevel="h1">{model.labelPlural}</Title>
          {templates.length > 0 && (
            <Button
              component={(props: object) => (
                <Link {...props} to={`${resourcePath(model, ref)}/~new`} />
              )}
            >
              Create {model.label}
            </Button>
          )}
        </Flex>
        <Content component="small">
          Stand-in list page of the dev shell ({sorted.length} objects).
        </Content>
      </PageSection>
      <PageSection>
        {loadError ? (
          <Alert variant="danger" isInline title="Cannot list">
            {errorText(loadError)}
          </Alert>
        ) : !loaded ? (
          <Loading />
        ) : (
          <Table aria-label={model.labelPlural} variant="compact">
            <Thead>
              <Tr>
                <Th>Name</Th>
                <Th>Labels</Th>
                <Th>Created</Th>
              </Tr>
            </Thead>
            <Tbody>
              {sorted.slice(0, MAX_ROWS).map((o) => (
                <Tr key={o.metadata?.uid ?? o.metadata?.name}>
                  <Td dataLabel="Name">
                    <ResourceLink
                      groupVersionKind={getGroupVersionKindForModel(model)}
                      name={o.metadata?.name}
                    />
                  </Td>
                  <Td dataLabel="Labels">{Object.keys(o.metadata?.labels ?? {}).length} labels</Td>
                  <Td dataLabel="Created">
                    <Timestamp timestamp={o.metadata?.creationTimestamp} />
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {sorted.length > MAX_ROWS && (
          <Content component="small">Showing the first {MAX_ROWS}.</Content>
        )}
      </PageSection>
    </>
  );
};

const Details = ({ obj }: SDK.PageComponentProps) => {
  const meta = obj?.metadata;
  const labelMap = (m?: Record<string, string>) =>
    Object.keys(m ?? {}).length === 0 ? (
      '-'
    ) : (
      <LabelGroup numLabels={20}>
        {Object.entries(m ?? {}).map(([k, v]) => (
          <Label key={k} isCompact>
            {v ? `${k}=${v}` : k}
          </Label>
        ))}
      </LabelGroup>
    );
  return (
    <PageSection>
      <DescriptionList isHorizontal>
        <DescriptionListGroup>
          <DescriptionListTerm>Name</DescriptionListTerm>
          <DescriptionListDescription>{meta?.name}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>Labels</DescriptionListTerm>
          <DescriptionListDescription>{labelMap(meta?.labels)}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>Annotations</DescriptionListTerm>
          <DescriptionListDescription>
            {Object.keys(meta?.annotations ?? {}).length} annotations (see YAML)
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>Created</DescriptionListTerm>
          <DescriptionListDescription>
            <Timestamp timestamp={meta?.creationTimestamp} />
          </DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>
    </PageSection>
  );
};

const Yaml = ({ obj }: SDK.PageComponentProps) => (
  <PageSection>
    <pre className="co-shell-pre co-shell-yaml" data-test="resource-yaml">
      {stringify(obj ?? {}, { lineWidth: 0 })}
    </pre>
  </PageSection>
);

/** The console's node Logs tab reads `path=journal&unit=a,b`; the simulated nodes keep no journal. */
const NodeLogs = ({ obj }: SDK.PageComponentProps) => {
  const [params] = useSearchParams();
  const units = (params.get('unit') ?? '').split(',').filter(Boolean);
  const source = params.get('path') ?? 'journal';
  return (
    <PageSection>
      <Alert
        variant="info"
        isInline
        title={`Logs of ${obj?.metadata?.name ?? 'the node'}`}
        data-test="node-logs"
      >
        The console would show the node's {source}
        {units.length > 0 ? ` for ${units.join(', ')}` : ''} here. The simulated cluster keeps no
        logs.
      </Alert>
    </PageSection>
  );
};

const PAGES = [
  { href: '', name: 'Details', component: Details },
  { href: 'yaml', name: 'YAML', component: Yaml },
];

/** A tab of the console's whose content the simulated cluster cannot give. */
const Elsewhere =
  (what: string) =>
  ({ obj }: SDK.PageComponentProps) => (
    <PageSection>
      <Alert variant="info" isInline title={`${what} of ${obj?.metadata?.name ?? 'the node'}`}>
        The simulated cluster has none to show.
      </Alert>
    </PageSection>
  );

/**
 * Console 4.22's Node details tabs, in its order and with its paths (plugins' tabs come after
 * them): Overview, Details, YAML, Pods, Logs, Events, Terminal. Only the tabs the plugin links to
 * show content.
 */
export const NODE_PAGES = [
  { href: '', name: 'Overview', component: Details },
  { href: 'details', name: 'Details', component: Details },
  { href: 'yaml', name: 'YAML', component: Yaml },
  { href: 'pods', name: 'Pods', component: Elsewhere('Pods') },
  { href: 'logs', name: 'Logs', component: NodeLogs },
  { href: 'events', name: 'Events', component: Elsewhere('Events') },
  { href: 'terminal', name: 'Terminal', component: Elsewhere('Terminal') },
];

export const ResourceDetailsPage = () => {
  const { ref = '', name = '' } = useParams();
  const model = findModel(ref);
  const [obj, loaded, loadError] = useK8sWatchResource<K8sObject>(
    model ? { groupVersionKind: getGroupVersionKindForModel(model), name } : null,
  );
  const pages = model && !model.apiGroup && model.kind === 'Node' ? NODE_PAGES : PAGES;
  if (!model) return <UnknownKind ref={ref} />;
  return (
    <>
      <DocumentTitle>{`${name} · ${model.label} details`}</DocumentTitle>
      <PageSection>
        <Breadcrumb>
          <BreadcrumbItem>
            <Link to={resourcePath(model, ref)}>{model.labelPlural}</Link>
          </BreadcrumbItem>
          <BreadcrumbItem isActive>{model.label} details</BreadcrumbItem>
        </Breadcrumb>
        <Title headingLevel="h1" className="co-shell-details-title">
          <ResourceIcon groupVersionKind={getGroupVersionKindForModel(model)} /> {name}
        </Title>
      </PageSection>
      {loadError ? (
        <PageSection>
          <Alert variant="danger" isInline title={`Cannot read ${model.label} ${name}`}>
            {errorText(loadError)}
          </Alert>
        </PageSection>
      ) : !loaded ? (
        <Loading />
      ) : (
        <HorizontalNav resource={obj} pages={pages} />
      )}
    </>
  );
};
