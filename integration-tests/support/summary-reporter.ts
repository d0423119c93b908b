/**
 * Ends a browser-test run with one plain closing line, "e2e: N passed, N failed, N skipped", that
 * CI reads the same way for every test runner. An error outside any test (a server that did not
 * start, a global set-up that threw) counts as a failure, so a broken run never reads as green.
 */
import type { FullResult, Reporter, TestCase, TestError } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private readonly tests = new Set<TestCase>();
  private errors = 0;

  onTestEnd(test: TestCase): void {
    this.tests.add(test);
  }

  onError(_error: TestError): void {
    this.errors += 1;
  }

  printsToStdio(): boolean {
    return false;
  }

  onEnd(_result: FullResult): void {
    let passed = 0;
    let failed = this.errors;
    let skipped = 0;
    for (const test of this.tests) {
      const outcome = test.outcome();
      if (outcome === 'expected' || outcome === 'flaky') passed += 1;
      else if (outcome === 'skipped') skipped += 1;
      else failed += 1;
    }
    process.stdout.write(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
