// One turn of the event loop: what work in slices awaits between slices, so the extension host (or the CLI's
// progress line, or the web worker) gets its turn. A zero timeout, not a microtask: timers and I/O run in between.
export const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Runs resumable steps to their end, giving the event loop a turn once a slice has run `budgetMs` (default 12). */
export async function runInSlices<T>(steps: Generator<void, T>, budgetMs = 12): Promise<T> {
  let sliceStart = clock();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (clock() - sliceStart >= budgetMs) {
      await nextTurn();
      sliceStart = clock();
    }
  }
}
