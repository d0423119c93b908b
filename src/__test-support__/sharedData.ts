/**
 * Reference data from outside the project (the MCO's outputs, the API server's answers, the 4.22
 * CRDs, the lab) stays in the `shared/` folder beside the checkout; tests read it from there and
 * never copy it in. `LAZY_PULL_SHARED` points elsewhere when the folder lives somewhere else.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED_DIR = process.env.LAZY_PULL_SHARED ?? resolve(__dirname, '../../../shared');

export const sharedPath = (...parts: string[]): string => join(SHARED_DIR, ...parts);

export const hasShared = (...parts: string[]): boolean => existsSync(sharedPath(...parts));

/**
 * `describe` when the shared data is there; otherwise a skipped block whose name says what is
 * missing, so the run reports it instead of passing silently. Read shared files inside the block
 * (in `beforeAll` or the tests), never at module level.
 */
export const describeWithShared = (relative: string): ((name: string, fn: () => void) => void) => {
  if (hasShared(relative)) return describe;
  return (name, fn) => {
    const reason = `skipped: ${sharedPath(relative)} is absent`;
    process.stderr.write(`${name}: ${reason}\n`);
    describe.skip(`${name} (${reason})`, fn);
  };
};

/** `it` when the shared data is there; otherwise a skipped test whose name says what is missing. */
export const itWithShared = (relative: string): ((name: string, fn: () => unknown) => void) => {
  if (hasShared(relative)) return (name, fn) => it(name, fn as jest.ProvidesCallback);
  return (name, fn) => {
    it.skip(`${name} (skipped: ${sharedPath(relative)} is absent)`, fn as jest.ProvidesCallback);
  };
};
