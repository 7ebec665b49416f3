// Minimal assertions for the web-worker tests (node:assert is not available in a web worker bundle).
export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function ok(value: unknown, message = `expected a truthy value, got ${String(value)}`): asserts value {
  if (!value) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, message?: string): void {
  if (actual !== expected) throw new AssertionError(message ?? `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function match(actual: string, pattern: RegExp, message?: string): void {
  if (!pattern.test(actual)) throw new AssertionError(message ?? `expected ${JSON.stringify(actual)} to match ${String(pattern)}`);
}
