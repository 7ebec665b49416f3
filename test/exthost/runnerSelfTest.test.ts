// Defined only when CN_RUNNER_SELFTEST=1 (set by test/ui/runner.spec.ts): a deliberately failing assertion,
// to prove that the extension-host runner reports it and exits non-zero.
import * as assert from 'node:assert/strict';

if (process.env.CN_RUNNER_SELFTEST === '1') {
  describe('runner self-test', () => {
    it('passes', () => assert.equal(1 + 1, 2));
    it('fails on purpose', () => assert.equal(1 + 1, 3, 'deliberate failure'));
  });
}
