// A probe of the extension host's responsiveness, for tests and measurements in a real VS Code: while it runs, a
// timer asks for a turn every few milliseconds and records how late each turn came — the longest lateness is the
// longest stretch the host's thread was blocked (by us or by anything else in the host). It runs only between
// `start` and `stop` (a test command, src/vscode/testCommands.ts), so normal use pays nothing. Works in the Node and the web host.
import type * as vscode from 'vscode';

export interface HostResponsiveness {
  /** Longest time the host's thread was blocked while the probe ran, in ms (timer lateness). */
  longestBlockMs: number;
  /** Turns observed. */
  turns: number;
  /** How long the probe ran, in ms. */
  durationMs: number;
}

const PERIOD_MS = 4;

/** The probe: `start`, `read` (while it runs) and `stop` (answers and ends it). */
export function createHostResponsiveness(): { handle(action: unknown): HostResponsiveness | undefined } & vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let state: { started: number; expected: number; longest: number; turns: number } | undefined;
  const tick = (): void => {
    if (!state) return;
    const now = performance.now();
    state.longest = Math.max(state.longest, now - state.expected);
    state.turns++;
    state.expected = now + PERIOD_MS;
    timer = setTimeout(tick, PERIOD_MS);
  };
  const stop = (): HostResponsiveness | undefined => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const result = state && { longestBlockMs: Math.round(state.longest * 10) / 10, turns: state.turns, durationMs: Math.round(performance.now() - state.started) };
    state = undefined;
    return result;
  };
  const handle = (action: unknown): HostResponsiveness | undefined => {
    if (action === 'start') {
      stop();
      const now = performance.now();
      state = { started: now, expected: now + PERIOD_MS, longest: 0, turns: 0 };
      timer = setTimeout(tick, PERIOD_MS);
      return undefined;
    }
    if (action === 'read') return state && { longestBlockMs: Math.round(state.longest * 10) / 10, turns: state.turns, durationMs: Math.round(performance.now() - state.started) };
    return stop();
  };
  return { handle, dispose: () => void stop() };
}
