// The hostile corpus (issue 15): files no one writes on purpose but a linter meets anyway, generated, never stored.
// Each case is the shape of one reproduction of the issue (or another construct found while fixing them), at a size
// `scale` multiplies: scale 1 is the size the issue reports. The benchmark (bench/hostile.ts), the unit tests
// (test/unit/hostile*.test.ts) and the extension-host tests (test/exthost/hostile.test.ts) all build from here.
//
//   node --import tsx bench/hostile-corpus.ts OUT_DIR [--scale S]     writes every case to OUT_DIR
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const SAMPLE_PATH = path.join(__dirname, '..', 'samples', 'scaleconf-2017.md');
export const sampleText = (): string => readFileSync(SAMPLE_PATH, 'utf8');

export interface HostileCase {
  /** File name stem, also the row of the benchmark's table. */
  name: string;
  /** What the file is, in a few words (the issue's numbering where it has one). */
  what: string;
  /** Builds the file's bytes (on demand: the whole corpus at once is a few hundred MB). */
  build(): Buffer;
  /** Linted beside the sample (the issue's reproductions lint the two together). */
  withSample: boolean;
}

const CONFERENCE = '---\nconference: Hostile Conf\n---\n';
/** A notes file of one talk with a speaker: enough to be read as notes (front matter names a conference). */
const TALK = `${CONFERENCE}\n# Hostile Conf\n\n## A talk\n### Jane Doe\n#### Engineer\n#### Acme\n\n`;

/** Ordinary words of the sample (all spelled right), for prose that is clean. */
const CLEAN_WORDS = 'the speaker talked about how teams scale their services and what they learnt from running databases in production with care'.split(' ');

function prose(words: number, seed = 1): string {
  const out: string[] = [];
  let x = seed;
  let last = -1;
  for (let i = 0; i < words; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    // Never the same word twice in a row (that is a repeated-word finding).
    let k = (x >>> 8) % CLEAN_WORDS.length;
    if (k === last) k = (k + 1) % CLEAN_WORDS.length;
    last = k;
    out.push(CLEAN_WORDS[k]!);
  }
  return out.join(' ');
}

const n = (base: number, scale: number): number => Math.max(1, Math.round(base * scale));

/** Every case at `scale` (1 = the sizes of the issue); `sample` is the sample's text (read from samples/ by default). */
export function hostileCases(scale = 1, sample = sampleText()): HostileCase[] {
  const cases: Array<Omit<HostileCase, 'build'> & { text?: () => string; bytes?: () => Buffer }> = [
    { name: 'many-findings', what: '1. one rule with 150,000 findings (unknown word, 100 a line)', withSample: true, text: () => `${CONFERENCE}\n${`${'wrd '.repeat(100)}\n`.repeat(n(1_500, scale))}` },
    { name: 'many-findings-one-line', what: "1. the issue's line of 'wrd ' x 150,000 (600 KB: beyond the line limit)", withSample: true, text: () => `${CONFERENCE}\n${'wrd '.repeat(n(150_000, scale))}\n` },
    { name: 'sample-copies', what: '1. 4,400 copies of the sample (40 MB)', withSample: false, text: () => sample.repeat(n(4_400, scale)) },
    { name: 'list-markers', what: '2. one line of 10,000 list markers', withSample: true, text: () => `${TALK}${'- '.repeat(n(10_000, scale))}x\n` },
    { name: 'nested-list', what: '3. a list nested 2,000 levels', withSample: true, text: () => TALK + Array.from({ length: n(2_000, scale) }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n') + '\n' },
    { name: 'brackets', what: '4. one line of 100,000 [', withSample: true, text: () => `${TALK}${'['.repeat(n(100_000, scale))}\n` },
    { name: 'emphasis', what: "5. '*a' x 50,000", withSample: true, text: () => `${TALK}${'*a'.repeat(n(50_000, scale))}\n` },
    { name: 'table-huge', what: '6. a table of 20,000 rows x 50 columns', withSample: true, text: () => TALK + table(n(20_000, scale), 50) },
    { name: 'table-1.5mb', what: '6. a table of 1.5 MB', withSample: true, text: () => TALK + table(n(3_000, scale), 50) },
    { name: 'long-paragraph', what: '7. 40,000 lines of prose in one paragraph, one typo at the end', withSample: false, text: () => `${TALK}${Array.from({ length: n(40_000, scale) }, (_, i) => prose(10, i + 1)).join('\n')}\nthe speaker was breifly there\n` },
    { name: 'nested-quote', what: '8. 5,000 nested >', withSample: true, text: () => `${TALK}${'>'.repeat(n(5_000, scale))} quoted\n` },
    { name: 'utf16-bom', what: '11. the sample as UTF-16 LE with a BOM', withSample: false, bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')]) },
    { name: 'utf16be-bom', what: '11. the sample as UTF-16 BE with a BOM', withSample: false, bytes: () => utf16be(sample) },
    { name: 'long-word', what: 'one word of 200,000 letters', withSample: true, text: () => `${TALK}start ${'abcdefghij'.repeat(n(20_000, scale))} end\n` },
    { name: 'long-line', what: 'one prose line of 1 MB', withSample: true, text: () => `${TALK}${prose(n(170_000, scale))} breifly\n` },
    { name: 'many-headings', what: '50,000 talks (heading, speaker line)', withSample: false, text: () => `${CONFERENCE}\n# Hostile Conf\n\n${Array.from({ length: n(50_000, scale) }, (_, i) => `## Talk ${i}\nSpeaker: Jane Doe${i % 7 === 0 ? '' : ', Engineer at Acme'}\n\n${prose(8, i)}\n`).join('\n')}` },
    { name: 'many-links', what: '100,000 links on 10,000 lines', withSample: true, text: () => TALK + Array.from({ length: n(10_000, scale) }, (_, i) => Array.from({ length: 10 }, (_, k) => `[link ${k}](${k % 3 ? 'https://' : ''}example${i}.com/${k})`).join(' ')).join('\n') + '\n' },
    { name: 'footnotes', what: '30,000 footnotes, each referenced once (1.1 MB)', withSample: true, text: () => TALK + Array.from({ length: n(30_000, scale) }, (_, i) => `Point[^${i}].\n\n[^${i}]: Note ${i}.\n`).join('\n') + '\n' },
    { name: 'blank-lines', what: 'a million blank lines, a typo after them', withSample: true, text: () => `${TALK}${'\n'.repeat(n(1_000_000, scale))}the speaker was breifly there\n` },
    { name: 'setext', what: '100,000 setext headings (a line, then === or ---)', withSample: true, text: () => TALK + Array.from({ length: n(100_000, scale) }, (_, i) => `Title ${i}\n${i % 2 ? '===' : '---'}`).join('\n') + '\n' },
    { name: 'reference-links', what: '100,000 link reference definitions and a line of 100,000 references to them', withSample: true, text: () => TALK + Array.from({ length: n(100_000, scale) }, (_, i) => `[r${i}]: https://example.com/${i}`).join('\n') + '\n\n' + Array.from({ length: n(100_000, scale) }, (_, i) => `[x][r${i}]`).join(' ') + '\n' },
    { name: 'bare-urls', what: '150,000 bare URLs and e-mail addresses on 50,000 lines', withSample: true, text: () => TALK + Array.from({ length: n(50_000, scale) }, (_, i) => `see www.example${i}.com and jane@example${i}.com and https://x${i}.org/path`).join('\n') + '\n' },
    { name: 'html-blocks', what: '50,000 <details> blocks', withSample: true, text: () => TALK + Array.from({ length: n(50_000, scale) }, (_, i) => `<details><summary>s${i}</summary>\n\nbody ${i}\n\n</details>\n`).join('\n') },
    { name: 'many-fm-keys', what: 'front matter of 50,000 keys', withSample: true, text: () => `---\nconference: Hostile Conf\n${Array.from({ length: n(50_000, scale) }, (_, i) => `key${i}: value ${i}`).join('\n')}\n---\n\n## A talk\n### Jane Doe\n\nnotes\n` },
    { name: 'control-chars', what: 'every C0 control character, 10,000 times in prose', withSample: true, text: () => TALK + Array.from({ length: n(10_000, scale) }, (_, i) => `word${String.fromCharCode(1 + (i % 31))}text \u0007bell \u001b[31mred\u001b[0m \u007f\u0085\u2028`).join(' ') + '\n' },
    { name: 'mixed-eol', what: 'the sample 100 times with \\n, \\r\\n and \\r line ends mixed', withSample: false, text: () => mixedEol(sample.repeat(n(100, scale))) },
    { name: 'deep-brackets', what: '50,000 nested [ ] pairs and 50,000 `(` in a link target', withSample: true, text: () => `${TALK}${'['.repeat(n(50_000, scale))}x${']'.repeat(n(50_000, scale))}\n\n[a](${'('.repeat(n(50_000, scale))}\n` },
    { name: 'nested-html', what: '20,000 nested <span> on one line', withSample: true, text: () => `${TALK}text ${'<span>'.repeat(n(20_000, scale))}x\n` },
    { name: 'label-line', what: 'a Speaker: line of 200,000 characters', withSample: true, text: () => `${TALK}## Another talk\n**Speaker:** ${'Jane Doe, '.repeat(n(20_000, scale))}\n\nnotes\n` },
    { name: 'long-heading', what: 'a talk heading of 200,000 characters with dashes', withSample: true, text: () => `${CONFERENCE}\n## ${'Title - Jane Doe (Acme) '.repeat(n(8_000, scale))}\n### Jane Doe\n\nnotes\n` },
    { name: 'long-fence', what: 'a fence of 200,000 lines of code (4.6 MB), a typo after it', withSample: true, text: () => `${TALK}\`\`\`text\n${'code line with wrd typo\n'.repeat(n(200_000, scale))}\`\`\`\n\nthe speaker was breifly there\n` },
    { name: 'indented-code', what: '200,000 lines of indented code (2.6 MB), a typo after it', withSample: true, text: () => `${TALK}\n${'    code wrd\n'.repeat(n(200_000, scale))}\nthe speaker was breifly there\n` },
    { name: 'open-fence', what: 'a fence left open at the end, 200,000 lines', withSample: true, text: () => `${TALK}\`\`\`\n${'code line with wrd typo\n'.repeat(n(200_000, scale))}` },
  ];
  return cases.map((c) => ({ name: c.name, what: c.what, withSample: c.withSample, build: c.bytes ?? (() => Buffer.from(c.text!(), 'utf8')) }));
}

function table(rows: number, cols: number): string {
  const header = `| ${Array.from({ length: cols }, (_, k) => `col ${k}`).join(' | ')} |`;
  const rule = `|${'---|'.repeat(cols)}`;
  const row = (r: number): string => `| ${Array.from({ length: cols }, (_, k) => `r${r}c${k}`).join(' | ')} |`;
  return [header, rule, ...Array.from({ length: rows }, (_, r) => row(r))].join('\n') + '\n';
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) {
    const a = le[i]!;
    le[i] = le[i + 1]!;
    le[i + 1] = a;
  }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
}

function mixedEol(text: string): string {
  const ends = ['\n', '\r\n', '\r'];
  return text
    .split('\n')
    .map((line, i) => line + ends[i % 3])
    .join('');
}

/** Writes every case to `dir` as NAME.md; returns the paths by case name. */
export function writeHostileCorpus(dir: string, scale = 1, only?: (name: string) => boolean): Map<string, string> {
  mkdirSync(dir, { recursive: true });
  const out = new Map<string, string>();
  for (const c of hostileCases(scale)) {
    if (only && !only(c.name)) continue;
    const file = path.join(dir, `${c.name}.md`);
    writeFileSync(file, c.build());
    out.set(c.name, file);
  }
  return out;
}

/**
 * Cases and scales for the editor (the CLI tests take every case, at bigger sizes): every case of the hostile corpus
 * but the UTF-16 ones (their canaries would need the same encoding; the CLI tests and VS Code's own decoding cover
 * them) and the open fence (its canaries would be code), each about 0.1-2 MB here. `notice`: the file goes beyond the limits of the checks.
 * Shared by test/exthost/hostile.test.ts and bench/hostile-steps.ts.
 */
export const EDITOR_CASES: Array<{ name: string; scale: number; notice: boolean }> = [
  { name: 'many-findings', scale: 0.05, notice: false },
  { name: 'many-findings-one-line', scale: 1, notice: true },
  { name: 'sample-copies', scale: 0.05, notice: false },
  { name: 'list-markers', scale: 1, notice: true },
  { name: 'nested-list', scale: 0.5, notice: true },
  { name: 'brackets', scale: 1, notice: true },
  { name: 'emphasis', scale: 1, notice: true },
  { name: 'table-huge', scale: 0.1, notice: false },
  { name: 'table-1.5mb', scale: 0.5, notice: false },
  { name: 'long-paragraph', scale: 0.25, notice: false },
  { name: 'nested-quote', scale: 1, notice: true },
  { name: 'long-word', scale: 1, notice: true },
  { name: 'long-line', scale: 0.5, notice: true },
  { name: 'many-headings', scale: 0.1, notice: false },
  { name: 'many-links', scale: 0.25, notice: false },
  { name: 'footnotes', scale: 0.25, notice: false },
  { name: 'blank-lines', scale: 0.25, notice: false },
  { name: 'setext', scale: 0.05, notice: false },
  // VS Code's own Markdown extension takes about 55 s of the host on 10,000 definitions (scale 0.1): 3,000 here.
  { name: 'reference-links', scale: 0.03, notice: false },
  { name: 'bare-urls', scale: 0.1, notice: false },
  { name: 'html-blocks', scale: 0.1, notice: false },
  { name: 'many-fm-keys', scale: 0.5, notice: false },
  { name: 'control-chars', scale: 1, notice: false },
  { name: 'mixed-eol', scale: 0.5, notice: false },
  { name: 'deep-brackets', scale: 1, notice: true },
  { name: 'nested-html', scale: 1, notice: true },
  { name: 'label-line', scale: 1, notice: true },
  { name: 'long-heading', scale: 1, notice: false },
  { name: 'long-fence', scale: 0.1, notice: false },
  { name: 'indented-code', scale: 0.1, notice: false },
];

/** Problems every hostile file opened in the editor gets at its end (the tests look for them). */
export const EDITOR_CANARIES = '\n\nA canary paragraph: we recieve notes, some some words twice and a [link](spiffe.io).\n';

if (require.main === module) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  const scaleAt = args.indexOf('--scale');
  const scale = scaleAt >= 0 ? Number(args[scaleAt + 1]) : 1;
  if (!dir || !(scale > 0)) {
    process.stderr.write('usage: node --import tsx bench/hostile-corpus.ts OUT_DIR [--scale S]\n');
    process.exit(2);
  }
  for (const [name, file] of writeHostileCorpus(dir, scale)) process.stdout.write(`${name}\t${file}\n`);
}
