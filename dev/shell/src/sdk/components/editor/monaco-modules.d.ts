// Monaco's side-effect modules (its features and languages), imported for their registrations.
declare module 'monaco-editor/esm/vs/editor/editor.all.js';
declare module 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
