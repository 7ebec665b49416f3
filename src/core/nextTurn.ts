// One turn of the event loop: what work in slices awaits between slices, so the extension host (or the CLI's
// progress line, or the web worker) gets its turn. A zero timeout, not a microtask: timers and I/O run in between.
export const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export interface SliceBudget {
  /** Synchronous work per slice before yielding, in ms (default 12). */
  budgetMs?: number;
  /** Gives the event loop a turn between slices (default: nextTurn). */
  yieldFn?: () => Promise<void>;
  /** Asked between slices; true stops the steps (they resolve undefined). */
  isCancelled?: () => boolean;
}

/** Runs resumable steps to their end, giving the event loop a turn once a slice has run its budget. */
export function runInSlices<T>(steps: Generator<void, T>): Promise<T>;
export function runInSlices<T>(steps: Generator<void, T>, slices: SliceBudget): Promise<T | undefined>;
export async function runInSlices<T>(steps: Generator<void, T>, slices: SliceBudget = {}): Promise<T | undefined> {
  const budget = slices.budgetMs ?? 12;
  const yieldFn = slices.yieldFn ?? nextTurn;
  let sliceStart = clock();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (clock() - sliceStart >= budget) {
      await yieldFn();
      if (slices.isCancelled?.()) return undefined;
      sliceStart = clock();
    }
  }
}
