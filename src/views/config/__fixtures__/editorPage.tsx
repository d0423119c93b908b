/** The pool editor page as the editor's tests open it, on the fixture cluster. */
import { render, screen } from '@testing-library/react';
import PoolEditorPage from '../PoolEditorPage';
import { routed, serveCluster, type ClusterFixture } from './cluster';

export const editorTree = (pool = 'worker') =>
  routed(<PoolEditorPage />, `/lazy-pull/pools/${pool}`, '/lazy-pull/pools/:pool');

export const openEditor = (fixture: ClusterFixture, pool = 'worker') => {
  serveCluster(fixture);
  return render(editorTree(pool));
};

export const layerInput = (n: number) => screen.getByRole('textbox', { name: `Layer store ${n}` });

/** The SDK mock's CodeEditor is a textarea. */
export const yamlTextarea = () =>
  screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'yaml editor' });
