// The stable sort in steps (src/core/sortSteps.ts) that a lint in slices sorts its findings with.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { runToEnd } from '../../src/core/scan';
import { sortSteps } from '../../src/core/sortSteps';

describe('sort in steps', () => {
  const byKey = (a: { key: number }, b: { key: number }): number => a.key - b.key;

  it('sorts as Array.prototype.sort does, stable, at every size (around the run and step sizes too)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 9_000 }), (keys) => {
        const items = keys.map((key, at) => ({ key, at }));
        const expected = items.slice().sort(byKey);
        const sorted = runToEnd(sortSteps(items, byKey));
        assert.deepEqual(sorted, expected);
        assert.deepEqual(items.map((i) => i.at), keys.map((_, at) => at), 'the input is left as it was');
      }),
      { numRuns: 60 },
    );
  });

  it('yields between steps that each do a bounded part of the work', () => {
    const n = 200_000;
    const items = Array.from({ length: n }, (_, i) => ({ key: (i * 7919) % 1000 }));
    const steps = sortSteps(items, byKey);
    let yields = 0;
    let longest = 0;
    let compares = 0;
    const counting = sortSteps(items, (a, b) => (compares++, byKey(a, b)));
    let last = 0;
    for (let next = counting.next(); !next.done; next = counting.next()) {
      longest = Math.max(longest, compares - last);
      last = compares;
      yields++;
    }
    // log2(200,000 / 2,048) ~ 7 merge passes of 200,000 items in steps of 16,384, plus ~98 sorted runs.
    assert.ok(yields > 150, `yields ${yields}`);
    assert.ok(longest < 40_000, `at most ~${longest} comparisons between two yields`);
    assert.deepEqual(runToEnd(steps), items.slice().sort(byKey));
  });
});
