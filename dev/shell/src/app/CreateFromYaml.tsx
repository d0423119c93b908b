/**
 * The console's "Create <Kind>" YAML page (/k8s/cluster/<ref>/~new), cut down: the editor starts
 * from the kind's `console.yaml-template` extension named `default` (a plugin's template), and
 * Create sends the object with k8sCreate — so a plugin's template is checked by the API.
 */
import { Language } from '@patternfly/react-code-editor';
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { isYAMLTemplate } from '@openshift-console/dynamic-plugin-sdk/lib/extensions/yaml-templates';
import {
  Alert,
  Button,
  Content,
  PageSection,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { parse } from 'yaml';
import { CodeEditor } from '../sdk/components/CodeEditor';
import { DocumentTitle } from '../sdk/components/DocumentTitle';
import { Loading } from '../sdk/components/Loading';
import { useResolvedExtensions } from '../sdk/extensions';
import { k8sCreate } from '../sdk/k8s-resource';
import { findModel, resourcePath } from '../sdk/models';

const matches = (m: SDK.ExtensionK8sModel, model: SDK.K8sModel) =>
  m.kind === model.kind &&
  (m.group ?? '') === (model.apiGroup ?? '') &&
  (!m.version || m.version === model.apiVersion);

export const useYamlTemplates = (model?: SDK.K8sModel) => {
  const [templates, resolved] = useResolvedExtensions<SDK.YAMLTemplate>(isYAMLTemplate);
  return [
    model ? templates.filter((t) => matches(t.properties.model, model)) : [],
    resolved,
  ] as const;
};

const Editor = ({
  model,
  initial,
  kindRef,
}: {
  model: SDK.K8sModel;
  initial: string;
  kindRef: string;
}) => {
  const navigate = useNavigate();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string>();
  const create = async () => {
    setError(undefined);
    try {
      const data = parse(text) as SDK.K8sResourceCommon;
      const created = await k8sCreate({ model, data });
      void navigate(resourcePath(model, kindRef, created.metadata?.name));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Stack hasGutter>
      <StackItem>
        <CodeEditor
          value={text}
          language={Language.yaml}
          isFullHeight={false}
          height="420px"
          onChange={(v: string) => setText(v)}
        />
      </StackItem>
      {error && (
        <StackItem>
          <Alert variant="danger" isInline title="Create failed">
            {error}
          </Alert>
        </StackItem>
      )}
      <StackItem>
        <Button onClick={() => void create()}>Create</Button>{' '}
        <Button variant="link" onClick={() => void navigate(resourcePath(model, kindRef))}>
          Cancel
        </Button>
      </StackItem>
    </Stack>
  );
};

export const CreateFromYaml = () => {
  const { ref = '' } = useParams();
  const model = findModel(ref);
  const [templates, resolved] = useYamlTemplates(model);
  if (!model) return null;
  const template = templates.find((t) => t.properties.name === 'default') ?? templates[0];
  const fallback = `apiVersion: ${model.apiGroup ? `${model.apiGroup}/` : ''}${model.apiVersion}\nkind: ${model.kind}\nmetadata:\n  name: example\n`;
  return (
    <>
      <DocumentTitle>{`Create ${model.label}`}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">Create {model.label}</Title>
        <Content component="small">
          {template
            ? `From the YAML template of plugin ${template.pluginName}.`
            : 'No plugin provides a YAML template for this kind.'}
        </Content>
      </PageSection>
      <PageSection>
        {resolved ? (
          <Editor
            key={template?.uid ?? '(none)'}
            model={model}
            kindRef={ref}
            initial={template?.properties.template ?? fallback}
          />
        ) : (
          <Loading />
        )}
      </PageSection>
    </>
  );
};
