// link-without-scheme, mojibake, repeated-word, speaker-name-mismatch: positive and negative cases.
import { strict as assert } from 'node:assert';
import { applyPreferred, headingNotes, lines, lint } from './helpers';
import { editDistance } from '../../../src/core/rules/speaker-name-mismatch';

describe('link-without-scheme', () => {
  it('reports domain-like targets without a scheme, links and definitions, and prefixes https://', () => {
    const text = headingNotes('See [docs](www.example.com/path) and [ref].\n\n[ref]: example.org\n');
    const found = lint(text, 'link-without-scheme');
    assert.deepEqual(lines(found), [21, 23]);
    const fixed = applyPreferred(applyPreferred(text, found[1]!), found[0]!);
    assert.match(fixed, /\[docs\]\(https:\/\/www\.example\.com\/path\)/);
    assert.match(fixed, /\[ref\]: https:\/\/example\.org/);
  });

  it('leaves schemes, relative paths, anchors, file names, code and workspace files alone', () => {
    const text = headingNotes(
      '[a](https://x.io) [b](./x.io) [c](#x) [d](notes.md) [e](slides.pdf) [f](mailto:a@b.io) `[g](code.io)`\n\n```\n[h](fenced.io)\n```\n[i](local.io)\n',
    );
    assert.deepEqual(lint(text, 'link-without-scheme', { fileExists: (t) => t === 'local.io' }), []);
    assert.deepEqual(lines(lint(text, 'link-without-scheme')), [26]);
  });
});

describe('mojibake', () => {
  it('repairs UTF-8 read as Windows-1252, also when encoded twice', () => {
    const text = headingNotes('CafÃ© was nice, itâ€™s true.\nTwice: Ã¢â‚¬Å“quoteÃ¢â‚¬Â\u009d.\n');
    const found = lint(text, 'mojibake');
    assert.deepEqual(found.map((f) => [f.range.start.line + 1, f.data?.broken, f.data?.fixed]), [
      [21, 'Ã©', 'é'],
      [21, 'â€™', '’'],
      [22, 'Ã¢â‚¬Å“', '“'],
      [22, 'Ã¢â‚¬Â\u009d', '”'],
    ]);
    assert.match(applyPreferred(text, found[0]!), /Café was nice/);
  });

  it('leaves real accents, symbols and code alone', () => {
    const text = headingNotes('Café, naïve, Zürich, Ångström, € 5, “quotes” — and ©.\n\n```\nCafÃ©\n```\n');
    assert.deepEqual(lint(text, 'mojibake'), []);
  });
});

describe('repeated-word', () => {
  it('reports a doubled word in any case, across a line break, and deletes the repeat', () => {
    const text = headingNotes('We had Some some fun.\nThe end of the\nthe line.\n');
    const found = lint(text, 'repeated-word');
    assert.deepEqual(lines(found), [21, 22]);
    assert.match(applyPreferred(text, found[0]!), /We had Some fun\./);
    assert.match(applyPreferred(text, found[1]!), /The end of the line\.\n/);
  });

  it('leaves intended doubles, different words, and code alone', () => {
    const text = headingNotes('I know that that works. She had had enough. Bye bye. Use `go go` here. A cat and a cat.\n');
    assert.deepEqual(lint(text, 'repeated-word'), []);
  });
});

describe('speaker-name-mismatch', () => {
  it('measures edit distance with swaps as one edit', () => {
    assert.equal(editDistance('Ronan', 'Ronen'), 1);
    assert.equal(editDistance('Json', 'Jason'), 1);
    assert.equal(editDistance('Jsaon', 'Jason'), 1);
    assert.equal(editDistance('Bob', 'Robert'), 4);
  });

  it("reports a near miss of the talk's own speaker, with the speaker's spelling as the fix", () => {
    const text = headingNotes('## Third talk\n### Carol Pearson\n\n#### Engineer\n\n#### Globex\n\nCarl showed a demo. Paerson\'s slides were good.\n');
    const found = lint(text, 'speaker-name-mismatch');
    assert.deepEqual(found.map((f) => [f.range.start.line + 1, f.data?.word, f.data?.name]), [
      [28, 'Carl', 'Carol'],
      [28, 'Paerson', 'Pearson'],
    ]);
    assert.equal(found[0]!.fixes[0]!.safe, false);
    assert.match(applyPreferred(text, found[1]!), /Pearson's slides/);
  });

  it('never reports ordinary words, lower-case words, exact names, other speakers or acronyms', () => {
    const text = headingNotes(
      '## Third talk\n### Jason Mark\n\n#### Engineer\n\n#### Globex\n\nMason jars. Jason and Alice spoke. JASN is an acronym. The json format, and Json again.\n',
    );
    assert.deepEqual(lint(text, 'speaker-name-mismatch'), []);
  });

  it('asks the dictionary whether a word is ordinary', () => {
    const text = headingNotes('## Third talk\n### Carol Pearson\n\n#### Engineer\n\n#### Globex\n\nCarl showed a demo.\n');
    const speller = { isCorrect: (w: string) => w === 'carl', suggest: () => [] };
    assert.deepEqual(lint(text, 'speaker-name-mismatch', { speller }), []);
    assert.deepEqual(lint(text, 'speaker-name-mismatch').map((f) => f.data?.word), ['Carl']);
  });

  it('only looks inside the talk of that speaker', () => {
    const text = headingNotes('## Third talk\n### Dana Person\n\n#### Engineer\n\n#### Globex\n\nNotes.\n').replace('Alice spoke', 'Alise spoke');
    // Alise is near Alice in Alice's own talk; Dana's talk says nothing of Alice.
    assert.deepEqual(lint(text, 'speaker-name-mismatch').map((f) => [f.range.start.line + 1, f.data?.word]), [[10, 'Alise']]);
  });
});
