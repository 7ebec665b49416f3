// One turn of the event loop: what work in slices awaits between slices, so the extension host (or the CLI's
// progress line, or the web worker) gets its turn. A zero timeout, not a microtask: timers and I/O run in between.
export const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
