// A stable sort as resumable steps (a generator that yields between steps, see nextTurn.ts runInSlices), for lists
// that grow with the input: 120,000 findings sorted at once held an editor's thread for a third of a second.
// Bottom-up merge sort: runs of RUN items sorted one per step, then merged pairwise, a step per STEP items moved.

const RUN = 2_048;
const STEP = 16_384;

/** `items` sorted by `compare` (stable, as Array.prototype.sort), in steps; `items` itself is left as it is. */
export function* sortSteps<T>(items: readonly T[], compare: (a: T, b: T) => number): Generator<void, T[]> {
  const n = items.length;
  let from: T[] = items.slice();
  if (n <= RUN) return from.sort(compare);
  for (let start = 0; start < n; start += RUN) {
    const run = from.slice(start, start + RUN).sort(compare);
    for (let k = 0; k < run.length; k++) from[start + k] = run[k]!;
    yield;
  }
  let to: T[] = new Array<T>(n);
  let moved = 0;
  for (let width = RUN; width < n; width *= 2) {
    for (let left = 0; left < n; left += 2 * width) {
      const mid = Math.min(left + width, n);
      const end = Math.min(left + 2 * width, n);
      let i = left;
      let j = mid;
      let k = left;
      while (i < mid && j < end) {
        // Ties keep the left run's item first: stable.
        to[k++] = compare(from[j]!, from[i]!) < 0 ? from[j++]! : from[i++]!;
        if (++moved % STEP === 0) yield;
      }
      while (i < mid) to[k++] = from[i++]!;
      while (j < end) to[k++] = from[j++]!;
    }
    [from, to] = [to, from];
    yield;
  }
  return from;
}
