import { Content } from '@patternfly/react-core';
import { useMemo } from 'react';
import { hunkHeader, lineDiff, type DiffLine } from '../../../core/diff';
import { useLazyPullTranslation } from '../../shared/i18n';
import { injectStyles } from '../../shared/styles';
import styles from './DiffView.css';

injectStyles(styles);

const MARK: Record<DiffLine['kind'], string> = { context: ' ', add: '+', remove: '-' };

interface DiffViewProps {
  before: string;
  after: string;
  /** Names the diff for assistive technology, e.g. "storage.conf changes". */
  label: string;
}

/**
 * A unified line diff. The +/- markers are real text, so the change is readable without colour
 * and survives copy and paste; colours come from PatternFly's theme tokens.
 */
export const DiffView = ({ before, after, label }: DiffViewProps) => {
  const { t } = useLazyPullTranslation();
  const diff = useMemo(() => lineDiff(before, after), [before, after]);
  if (diff.identical) {
    return <Content component="p">{t('No changes.')}</Content>;
  }
  return (
    <>
      <Content component="p">
        {t('Added lines: {{added}}. Removed lines: {{removed}}.', {
          added: diff.added,
          removed: diff.removed,
        })}
      </Content>
      <pre className="lazy-pull-diff" aria-label={label} tabIndex={0}>
        {diff.hunks.map((hunk) => (
          <span key={`${hunk.oldStart}-${hunk.newStart}`}>
            <span className="lazy-pull-diff__line lazy-pull-diff__line--hunk">
              {hunkHeader(hunk)}
            </span>
            {hunk.lines.map((line, i) => (
              <span
                // Lines have no identity beyond their place in the hunk.
                key={i}
                className={`lazy-pull-diff__line${line.kind === 'context' ? '' : ` lazy-pull-diff__line--${line.kind}`}`}
                data-diff={line.kind}
              >
                <span className="lazy-pull-diff__number" aria-hidden="true">
                  {line.kind === 'add' ? line.newLine : line.oldLine}
                </span>
                {MARK[line.kind]}
                {line.text}
                {line.noNewlineAtEnd && (
                  <span className="lazy-pull-diff__no-newline">
                    {' '}
                    {t('(no line break at the end of the file)')}
                  </span>
                )}
              </span>
            ))}
          </span>
        ))}
      </pre>
    </>
  );
};
