/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, after jest's own summary,
 * so tools that read only a final tally (CI among them) see the count of tests that really ran.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } =
      results;
    // A suite that failed to load has no failed tests but must not read as green.
    const failed = numFailedTests + numRuntimeErrorTestSuites;
    const line = `tests: ${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped`;
    // At exit, so it stays the last line even after jest's own summary and warnings.
    process.once('exit', () => process.stdout.write(`\n${line}\n`));
  }
}
module.exports = SummaryReporter;
