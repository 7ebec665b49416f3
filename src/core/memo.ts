// Memoises a pure function of strings, so re-parsing after an edit only re-reads the lines that changed.
export function memoize<A extends unknown[], R>(fn: (...args: A) => R, limit = 50000): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args: A): R => {
    const key = args.length === 1 ? String(args[0]) : args.join('\u0000');
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as R;
    const value = fn(...args);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}

/** `memoize` for a function of one string (a line, a heading's text): the text is the key, nothing is joined. */
export function memoizeText<R>(fn: (text: string) => R, limit = 50000): (text: string) => R {
  const cache = new Map<string, R>();
  return (text: string): R => {
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as R;
    const value = fn(text);
    if (cache.size >= limit) cache.clear();
    cache.set(text, value);
    return value;
  };
}
