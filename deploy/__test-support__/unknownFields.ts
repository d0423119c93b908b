/**
 * Finds fields that a Kubernetes type does not declare: what `oc apply` rejects under strict field
 * validation (kubectl's default) and what the API server otherwise drops without a word. The
 * kubernetes-models validators check types, enums and required fields but, like the OpenAPI
 * schemas they are generated from, accept any extra field; so a misspelt `readOnlyRootFileSystem`
 * would pass them. This walks each object along the TypeScript declaration of its kind in the same
 * package (`I<Kind>` in kubernetes-models/<apiVersion>/<Kind>), read with the TypeScript compiler.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { REPO_DIR } from './kustomize';

export interface KindRef {
  apiVersion: string;
  kind: string;
}

const key = ({ apiVersion, kind }: KindRef) => `${apiVersion}/${kind}`;

/** Builds one TypeScript program declaring a value of each kind's type, and walks objects along it. */
export const createUnknownFieldFinder = (kinds: readonly KindRef[]) => {
  const unique = [...new Map(kinds.map((k) => [key(k), k])).values()];
  const virtualFile = join(REPO_DIR, 'deploy', '__kinds__.ts');
  const source = unique
    .map(
      (k, i) =>
        `import type { I${k.kind} as T${i} } from 'kubernetes-models/${k.apiVersion}/${k.kind}';\nexport declare const k${i}: T${i};`,
    )
    .join('\n');

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2021,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === virtualFile
      ? ts.createSourceFile(name, source, languageVersion)
      : getSourceFile(name, languageVersion, ...rest);
  host.fileExists = (name) => name === virtualFile || fileExists(name);

  const program = ts.createProgram([virtualFile], options, host);
  const problems = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (problems.length > 0)
    throw new Error(`kubernetes-models has no type for some kinds: ${problems.join('; ')}`);
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(virtualFile);
  if (sourceFile === undefined) throw new Error('the declarations were not compiled');

  const typeOfKind = new Map<string, ts.Type>();
  let index = 0;
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const declaration = statement.declarationList.declarations[0];
    typeOfKind.set(key(unique[index]), checker.getTypeAtLocation(declaration.name));
    index += 1;
  }

  const isOpaque = (type: ts.Type) =>
    (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;

  const walk = (value: unknown, declared: ts.Type, path: string, found: string[]): void => {
    if (value === null || typeof value !== 'object') return;
    const type = checker.getNonNullableType(declared);
    if (isOpaque(type)) return;
    const alternatives = type.isUnion() ? type.types : [type];
    if (Array.isArray(value)) {
      const list = alternatives.find((t) => checker.isArrayType(t));
      if (list === undefined) return; // a list where none belongs: the schema validator reports it
      const element = checker.getTypeArguments(list as ts.TypeReference)[0];
      value.forEach((item, i) => walk(item, element, `${path}[${i}]`, found));
      return;
    }
    for (const [field, child] of Object.entries(value)) {
      let childType: ts.Type | undefined;
      for (const alternative of alternatives) {
        const property = checker.getPropertyOfType(alternative, field);
        childType =
          property !== undefined
            ? checker.getTypeOfSymbol(property)
            : (checker.getIndexTypeOfType(alternative, ts.IndexKind.String) ?? undefined);
        if (childType !== undefined) break;
      }
      const childPath = path === '' ? field : `${path}.${field}`;
      if (childType === undefined) found.push(`${childPath}: unknown field`);
      else walk(child, childType, childPath, found);
    }
  };

  /** `<field path>: unknown field` for each field the kind's type does not declare. */
  return (object: KindRef & object): string[] => {
    const type = typeOfKind.get(key(object));
    if (type === undefined) throw new Error(`no type was loaded for ${key(object)}`);
    const found: string[] = [];
    walk(object, type, '', found);
    return found;
  };
};
