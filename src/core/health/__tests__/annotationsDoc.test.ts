/** docs/annotations.md is the contract's specification: it must keep up with the code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CHECK_STATUSES,
  HEALTH_ANNOTATION,
  HEALTH_VALUES,
  PLUGIN_KINDS,
  REPORT_ANNOTATION,
  REPORT_FIELD_PATHS,
  REPORT_MAX_BYTES,
  STALE_AFTER_HEARTBEATS,
  type UnknownStateProblem,
  parseNodeAnnotations,
  decideHealth,
  type NodeHealthReport,
} from '../report';
import { exampleReport } from '../__test-support__/reportExamples';

const doc = readFileSync(join(__dirname, '../../../../docs/annotations.md'), 'utf8');

/** Every key path of a value, in the document's notation (`[]` for list items). */
const keyPaths = (value: unknown, prefix = ''): string[] => {
  if (Array.isArray(value)) return value.flatMap((item) => keyPaths(item, `${prefix}[]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return [path, ...keyPaths(child, path)];
  });
};

describe('docs/annotations.md', () => {
  it('documents every field the parser reads, as a table row', () => {
    const undocumented = REPORT_FIELD_PATHS.filter((path) => !doc.includes(`| \`${path}\` |`));
    expect(undocumented).toEqual([]);
  });

  it('documents every field a full report carries, and no field the code does not know', () => {
    const written = [...new Set(keyPaths(exampleReport()))].sort();
    expect(written).toEqual([...REPORT_FIELD_PATHS].sort());
    const rows = [...doc.matchAll(/^\| `([a-zA-Z.[\]]+)` \| (?!value)/gm)].map((m) => m[1]);
    const known = new Set<string>([...REPORT_FIELD_PATHS, HEALTH_ANNOTATION, REPORT_ANNOTATION]);
    const checkIds = [
      'storage-conf',
      'auth-helper',
      'mounted',
      'mount-point',
      'fs-type',
      'responsive',
      'socket',
      'process',
      'report-size',
    ];
    expect(rows.filter((row) => !known.has(row) && !checkIds.includes(row))).toEqual([]);
  });

  it('states the names, values and limits the code uses', () => {
    for (const text of [
      HEALTH_ANNOTATION,
      REPORT_ANNOTATION,
      String(REPORT_MAX_BYTES),
      ...HEALTH_VALUES,
    ])
      expect(doc).toContain(text);
    for (const kind of PLUGIN_KINDS) expect(doc).toContain(`"${kind}"`);
    for (const status of CHECK_STATUSES) expect(doc).toContain(`"${status}"`);
    expect(STALE_AFTER_HEARTBEATS).toBe(3);
    expect(doc).toMatch(/older than \*\*three heartbeat intervals\*\*/);
  });

  it('names every reason a reader gives for unknown', () => {
    const problems: UnknownStateProblem[] = [
      'missing-health',
      'missing-report',
      'bad-health',
      'oversized',
      'bad-json',
      'unknown-version',
      'wrong-type',
      'bad-time',
      'future-time',
      'inconsistent',
      'disagree',
      'internal',
    ];
    for (const problem of problems) expect(doc).toContain(`\`${problem}\``);
  });

  it('has an example that is a valid report with the health it claims', () => {
    const block = /```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const example = JSON.parse(block) as NodeHealthReport;
    expect(example).toEqual(exampleReport());
    expect(decideHealth(example)).toBe('Unhealthy');
    expect(doc).toContain('Its health is `Unhealthy`');
    expect(
      parseNodeAnnotations(
        { [HEALTH_ANNOTATION]: 'Unhealthy', [REPORT_ANNOTATION]: JSON.stringify(example) },
        new Date(example.at),
      ).kind,
    ).toBe('ok');
  });
});
