// Which URLs the preview may load or follow. The notes are untrusted input: everything not named here is dropped.

export type UrlKind = 'https' | 'http' | 'mailto' | 'data-image' | 'fragment' | 'relative' | 'blocked';

/** Raster and SVG images only; an SVG inside `<img>` cannot run script. */
const DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp|svg\+xml)[;,]/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Classifies a URL as written in the notes (before any resolution). */
export function classifyUrl(raw: string): UrlKind {
  // Browsers ignore control characters and whitespace inside a scheme (`java\nscript:`), so do the same first.
  // eslint-disable-next-line no-control-regex
  const url = raw.replace(/[\u0000-\u0020\u007f]/g, '');
  if (url === '') return 'blocked';
  if (url.startsWith('#')) return 'fragment';
  if (url.startsWith('//') || url.startsWith('\\\\') || url.startsWith('/\\') || url.startsWith('\\/')) return 'blocked';
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return 'relative';
  if (scheme === 'https') return 'https';
  if (scheme === 'http') return 'http';
  if (scheme === 'mailto') return 'mailto';
  if (scheme === 'data' && DATA_IMAGE.test(url)) return 'data-image';
  return 'blocked';
}

/** A link target the extension may open when the user clicks it in the preview. */
export function isOpenableLink(raw: string): boolean {
  const kind = classifyUrl(raw);
  return kind === 'https' || kind === 'http' || kind === 'mailto' || kind === 'relative' || kind === 'fragment';
}

/** Splits a workspace-relative link into its path and `#fragment` (the fragment may name a line: `#L12`). */
export function splitRelativeLink(raw: string): { path: string; fragment?: string } {
  const hash = raw.indexOf('#');
  const withoutQuery = (hash < 0 ? raw : raw.slice(0, hash)).replace(/\?.*$/, '');
  let path = withoutQuery;
  try {
    path = decodeURIComponent(withoutQuery);
  } catch {
    // A stray `%` is a literal character in a file name.
  }
  return hash < 0 ? { path } : { path, fragment: raw.slice(hash + 1) };
}
