// The "Conference Notes" output channel, and a guard so that no handler of ours throws into the editor.
import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('Conference Notes', { log: true });
}

/** Runs `fn`; an exception is logged with `what` and `fallback` is returned instead. */
export function guard<T>(log: Log, what: string, fn: () => T, fallback: T): T;
export function guard(log: Log, what: string, fn: () => void): void;
export function guard<T>(log: Log, what: string, fn: () => T, fallback?: T): T | undefined {
  try {
    const result = fn();
    if (result instanceof Promise) {
      return result.catch((err: unknown) => {
        log.error(`${what} failed:`, errorText(err));
        return fallback;
      }) as T;
    }
    return result;
  } catch (err) {
    log.error(`${what} failed:`, errorText(err));
    return fallback;
  }
}

/** Wraps an event handler or command callback with `guard`. */
export function guarded<A extends unknown[], R>(log: Log, what: string, fn: (...args: A) => R): (...args: A) => R | undefined {
  return (...args: A) => guard(log, what, () => fn(...args), undefined);
}

export function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
