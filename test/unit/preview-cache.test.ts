// The preview's block cache and its sliced rendering: the same HTML as the plain one-shot rendering, edit after
// edit; only changed blocks render again; the cache stays within its bound; the sliced render yields and cancels;
// a big update travels in pieces and comes out whole.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseNotes } from '../../src/core/parser';
import type { NotesDocument } from '../../src/core/model';
import {
  PreviewBlockCache, renderPreviewBody, renderPreviewBodySliced, splitUpdate, UpdateAssembler,
  type PreviewProblem, type PreviewRenderOptions, type UpdateMessage, type UpdatePieceMessage,
} from '../../src/core/preview';
import { HtmlBuilder, moveHtml } from '../../src/core/preview/blockCache';

const sample = readFileSync(path.resolve(__dirname, '../../samples/scaleconf-2017.md'), 'utf8');

/** A problem on every line with "the" (so most cards carry badges); it moves with its line, as lint findings do. */
function problemsFor(doc: NotesDocument): PreviewProblem[] {
  const problems: PreviewProblem[] = [];
  doc.lines.forEach((line, i) => {
    const at = line.indexOf('the');
    if (at >= 0) {
      problems.push({ message: `'the' in <${line.slice(0, 20)}>`, severity: line.length % 2 ? 'warning' : 'error', rule: 'test', range: { start: { line: i, character: at }, end: { line: i, character: at + 3 } } });
    }
  });
  return problems;
}

function options(doc: NotesDocument, extra: PreviewRenderOptions = {}): PreviewRenderOptions {
  return { problems: problemsFor(doc), interactive: true, fileName: 'notes.md', ...extra };
}

/** Replaces line `at` (0-based) with `lines`. */
function spliceLines(text: string, at: number, remove: number, ...lines: string[]): string {
  const all = text.split('\n');
  all.splice(at, remove, ...lines);
  return all.join('\n');
}

const lineOf = (text: string, prefix: string): number => text.split('\n').findIndex((l) => l.startsWith(prefix));

describe('preview block cache', () => {
  it('renders the same HTML as without a cache, edit after edit, and renders again only what changed', () => {
    const cache = new PreviewBlockCache();
    const check = (text: string, what: string, extra?: PreviewRenderOptions): void => {
      const doc = parseNotes(text);
      const plain = renderPreviewBody(doc, options(doc, extra));
      assert.equal(renderPreviewBody(doc, options(doc, { ...extra, cache })), plain, `cached = uncached ${what}`);
      // A second, fully cached rendering is the same too.
      assert.equal(renderPreviewBody(doc, options(doc, { ...extra, cache })), plain, `cached twice ${what}`);
    };
    const blocks = (text: string): number => {
      const doc = parseNotes(text);
      return doc.talks.length + doc.sections.length;
    };

    check(sample, 'the sample');
    const first = cache.size;
    assert.equal(first, blocks(sample), 'one entry per talk and section');

    // One word in one talk's notes: one new block.
    const backup = lineOf(sample, '* Do not backup');
    let text = spliceLines(sample, backup, 1, '* Do not ever backup');
    check(text, 'after changing a word');
    assert.equal(cache.size, first + 1);

    // A new line moves every later block down: none of them renders again, only the edited one.
    text = spliceLines(text, backup, 0, '* A new first point');
    check(text, 'after adding a line (later blocks move)');
    assert.equal(cache.size, first + 2);

    // A new talk before the others renumbers them all: one new block (the moved ones are renumbered).
    const firstTalk = parseNotes(text).talks[0]!.headingRange.start.line;
    text = spliceLines(text, firstTalk, 0, '## A new opening talk', '### Ann Lee', '#### Host', '#### Scaleconf', '', 'Welcome.', '');
    check(text, 'after adding a talk (later talks renumbered)');
    assert.equal(cache.size, first + 3);

    // Deleting it again brings back the earlier numbering, still from the cache.
    text = spliceLines(text, firstTalk, 7);
    check(text, 'after removing the talk again');
    assert.equal(cache.size, first + 3);

    // Other options are other HTML.
    check(text, 'without line breaks', { breaks: false });
    check(text, 'in the export (not interactive)', { interactive: false });
  });

  it('keys problems relative to their block: a problem that moves with its block needs no new rendering', () => {
    const cache = new PreviewBlockCache();
    const doc = parseNotes(sample);
    renderPreviewBody(doc, options(doc, { cache }));
    const size = cache.size;
    // One line added at the very top: every block and every problem moves down one line.
    const moved = parseNotes(`\n${sample}`);
    const shifted = problemsFor(doc).map((p) => ({ ...p, range: { start: { ...p.range.start, line: p.range.start.line + 1 }, end: { ...p.range.end, line: p.range.end.line + 1 } } }));
    const html = renderPreviewBody(moved, { ...options(moved), problems: shifted, cache });
    assert.equal(html, renderPreviewBody(moved, { ...options(moved), problems: shifted }));
    assert.equal(cache.size, size, 'every block reused');
    // A problem that changes changes its block only.
    const changed = shifted.map((p, i) => (i === 3 ? { ...p, message: 'Another message' } : p));
    assert.equal(renderPreviewBody(moved, { ...options(moved), problems: changed, cache }), renderPreviewBody(moved, { ...options(moved), problems: changed }));
    assert.equal(cache.size, size + 1);
  });

  it('reuses one entry for identical blocks at different places (moved back and forth)', () => {
    const cache = new PreviewBlockCache();
    const section = ['## Break', '', 'Coffee and the hallway track.', ''];
    const talk = (n: number): string[] => [`## Talk ${n}`, `### Speaker ${n}`, '#### Role', '#### Company', '', `Notes ${n}.`, ''];
    const text = ['# Notes', '', ...talk(1), ...section, ...talk(2), ...section, ...talk(3)].join('\n');
    const doc = parseNotes(text);
    const html = renderPreviewBody(doc, options(doc, { cache }));
    assert.equal(html, renderPreviewBody(doc, options(doc)));
    assert.equal((html.match(/Coffee and the hallway track\./g) ?? []).length, 2);
    assert.equal(cache.size, 4, 'three talks and one section');
  });

  it('stays within its bound however many edits, and still renders the same HTML', () => {
    const bound = 60_000;
    const cache = new PreviewBlockCache(bound);
    const backup = lineOf(sample, '* Do not backup');
    let largest = 0;
    for (let i = 0; i < 60; i++) {
      const text = spliceLines(sample, backup, 1, `* Do not backup ${i}`);
      const doc = parseNotes(text);
      assert.equal(renderPreviewBody(doc, options(doc, { cache })), renderPreviewBody(doc, options(doc)));
      assert.ok(cache.chars <= bound, `${cache.chars} chars after edit ${i}, bound ${bound}`);
      largest = Math.max(largest, cache.size);
    }
    // Without the bound every edit would have kept one more version of the edited talk.
    assert.ok(largest < parseNotes(sample).talks.length + 60, `at most ${largest} entries`);
    assert.ok(cache.size > 0);
    cache.clear();
    assert.equal(cache.size, 0);
    assert.equal(cache.chars, 0);
  });

  it('does not keep a block bigger than the whole cache', () => {
    const cache = new PreviewBlockCache(100);
    const doc = parseNotes(sample);
    assert.equal(renderPreviewBody(doc, options(doc, { cache })), renderPreviewBody(doc, options(doc)));
    assert.equal(cache.size, 0);
  });

  it('moves rendered HTML to other lines and talk numbers exactly as a fresh rendering would', () => {
    const write = (line: number, talk: number): string => new HtmlBuilder(line, talk)
      .text('<li data-line="').line(line).text('"><a href="#talk-').talk(talk).text('">').talk(talk + 1).text('</a> line ').line(line + 1).text('</li>')
      .done().html;
    const moved = new HtmlBuilder(9, 9).text('<li data-line="').line(9).text('"><a href="#talk-').talk(9).text('">').talk(10).text('</a> line ').line(10).text('</li>').done();
    for (const [line, talk] of [[10, 9], [1000, 99], [0, 0], [9, 9]] as const) {
      moveHtml(moved, line, talk);
      assert.equal(moved.html, write(line, talk));
    }
  });

  it('renders mutated notes the same through one shared cache as without it (property-based)', () => {
    const cache = new PreviewBlockCache(200_000);
    const pieces = ['\n', '\n\n', '## New talk\n### Ann\n#### Role\n#### Co\n\nNotes.\n', '### Speaker', '#### Role', '# Group\n', 'word ', '```', '- item\n', '\r\n', '<b>x</b>'];
    let text = sample;
    fc.assert(fc.property(fc.nat(), fc.nat(40), fc.constantFrom(...pieces), (at, remove, piece) => {
      // Each run edits the previous text: a typing session, with the cache carried along.
      const i = at % (text.length + 1);
      text = text.slice(0, i) + piece + text.slice(Math.min(text.length, i + remove));
      if (text.length > 3 * sample.length) text = sample;
      const doc = parseNotes(text);
      assert.equal(renderPreviewBody(doc, options(doc, { cache })), renderPreviewBody(doc, options(doc)));
    }), { numRuns: 150 });
  });
});

describe('sliced preview rendering', () => {
  const doc = parseNotes(sample);
  const blockCount = doc.talks.length + doc.sections.length;

  it('renders the same HTML as the one-shot rendering, giving the event loop back between blocks', async () => {
    let pauses = 0;
    const html = await renderPreviewBodySliced(doc, options(doc), { budgetMs: 0, yieldToEventLoop: async () => { pauses++; } });
    assert.equal(html, renderPreviewBody(doc, options(doc)));
    // A zero budget yields after the part before the blocks, after every block, and before the final join.
    assert.equal(pauses, blockCount + 1);
  });

  it('yields only once the budget is used (a clock that advances 1 ms per reading)', async () => {
    let clock = 0;
    let pauses = 0;
    const html = await renderPreviewBodySliced(doc, options(doc), { budgetMs: 5, now: () => clock++, yieldToEventLoop: async () => { pauses++; } });
    assert.equal(html, renderPreviewBody(doc, options(doc)));
    assert.ok(pauses > 1 && pauses < blockCount, `${pauses} pauses for ${blockCount} blocks`);
  });

  it('yields to real timers by default, and the same HTML comes out through a cache', async () => {
    const cache = new PreviewBlockCache();
    let timerRan = false;
    setTimeout(() => { timerRan = true; }, 0);
    const html = await renderPreviewBodySliced(doc, options(doc, { cache }), { budgetMs: 0 });
    assert.ok(timerRan, 'a timer queued before the rendering ran during it');
    assert.equal(html, renderPreviewBody(doc, options(doc)));
    assert.equal(await renderPreviewBodySliced(doc, options(doc, { cache }), { budgetMs: 0 }), html);
  });

  it('stops when cancelled and resolves to undefined', async () => {
    const token = { isCancellationRequested: false };
    let pauses = 0;
    const cache = new PreviewBlockCache();
    const html = await renderPreviewBodySliced(doc, options(doc, { cache }), {
      budgetMs: 0, token,
      yieldToEventLoop: async () => {
        if (++pauses === 3) token.isCancellationRequested = true;
      },
    });
    assert.equal(html, undefined);
    assert.equal(pauses, 3, 'no work after the cancellation');
    assert.equal(cache.size, 2, 'only the blocks before the cancellation were rendered');
  });

  it('renders notes without talks (intro only) the same way', async () => {
    const text = '# Just a title\n\nSome intro text.\n\n- a list\n';
    const plain = parseNotes(text);
    assert.equal(await renderPreviewBodySliced(plain, {}, { budgetMs: 0, yieldToEventLoop: async () => {} }), renderPreviewBody(plain));
  });
});

describe('update in pieces', () => {
  const update = (html: string, version = 1): UpdateMessage => ({ type: 'update', uri: 'file:///n.md', version, html, title: 'Preview: n.md', locked: false });
  const deliver = (assembler: UpdateAssembler, messages: ReturnType<typeof splitUpdate>): string | undefined => {
    let result: string | undefined;
    for (const m of messages) {
      if (m.type === 'updatePiece') assembler.piece(m);
      else if (m.type === 'update') result = assembler.complete(m);
    }
    return result;
  };

  it('sends a small update as it is, and a big one as pieces that join back into it', () => {
    assert.deepEqual(splitUpdate(update('<p>small</p>'), 100), [{ ...update('<p>small</p>'), pieces: 0 }]);
    const html = renderPreviewBody(parseNotes(sample), { interactive: true });
    const messages = splitUpdate(update(html), 10_000);
    assert.equal(messages.length, Math.ceil(html.length / 10_000));
    for (const m of messages) assert.ok(m.type === 'update' || m.type === 'updatePiece');
    assert.ok(messages.every((m) => 'html' in m && m.html.length <= 10_000));
    assert.equal(deliver(new UpdateAssembler(), messages), html);
  });

  it('never cuts a surrogate pair in two', () => {
    const html = 'ab😀cd😀'.repeat(10);
    for (let size = 1; size < 9; size++) {
      const messages = splitUpdate(update(html), size);
      for (const m of messages) {
        const piece = (m as UpdatePieceMessage | UpdateMessage).html;
        assert.ok(!/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(piece), `piece ${JSON.stringify(piece)} of size ${size}`);
      }
      assert.equal(deliver(new UpdateAssembler(), messages), html);
    }
  });

  it('drops an update whose sending was cancelled part-way, and takes the newer one whole', () => {
    const assembler = new UpdateAssembler();
    const older = splitUpdate(update('a'.repeat(50), 1), 10);
    const newer = splitUpdate(update('b'.repeat(50), 1), 10);
    // Two pieces of the older one, then the newer one from its first piece (same version: new problems).
    assembler.piece(older[0] as UpdatePieceMessage);
    assembler.piece(older[1] as UpdatePieceMessage);
    assert.equal(deliver(assembler, newer), 'b'.repeat(50));
    // The last message of an update whose pieces went missing gives nothing.
    assembler.piece(older[0] as UpdatePieceMessage);
    assert.equal(assembler.complete(older[older.length - 1] as UpdateMessage), undefined);
    // A piece of another version starts over too.
    const v2 = splitUpdate(update('c'.repeat(30), 2), 10);
    assembler.piece(older[0] as UpdatePieceMessage);
    assert.equal(deliver(assembler, v2), 'c'.repeat(30));
  });
});
