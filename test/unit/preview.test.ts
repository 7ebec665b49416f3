// The preview renderer: structure of the page for the sample, line attributes, summary, export page.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes } from '../../src/core/parser';
import { renderExportPage, renderPreviewBody, summarize, EXPORT_CSP, type PreviewProblem } from '../../src/core/preview';

const root = path.resolve(__dirname, '../..');
const sampleText = readFileSync(path.join(root, 'samples/scaleconf-2017.md'), 'utf8');

/** Text content of every element with this class, in order (entities decoded for the few we emit). */
function texts(html: string, className: string): string[] {
  const re = new RegExp(`<(\\w+) class="[^"]*\\b${className}\\b[^"]*"[^>]*>(.*?)</\\1>`, 'g');
  return [...html.matchAll(re)].map((m) => decode(m[2]!.replace(/<[^>]+>/g, '')));
}

function decode(s: string): string {
  return s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('preview renderer', () => {
  const doc = parseNotes(sampleText);
  const html = renderPreviewBody(doc);

  it('renders one card per talk of the sample, with titles and speakers in order', () => {
    const cards = html.match(/<article class="talk[^"]*"/g) ?? [];
    assert.equal(cards.length, 13);
    const titles = texts(html, 'talk-title-text');
    assert.equal(titles.length, 13);
    assert.equal(titles[0], 'Cloud-scale: Lessons from the field');
    assert.equal(titles[12], 'The Art of Coding a Conversation: Designing Bots');
    assert.deepEqual(texts(html, 'field-speaker').slice(0, 3), ['Daniel Larsen', 'Sarah Dapul-Weberman', 'Ronen Baram']);
    assert.deepEqual(texts(html, 'field-company').slice(0, 3), ['Microsoft NZ', 'Pinterest', 'Oracle']);
  });

  it('shows the conference title, the summary and an index that links to every card', () => {
    assert.match(html, /<h1 class="conference-title" data-line="0">Notes from Scaleconf 2017<\/h1>/);
    const s = summarize(doc);
    assert.deepEqual([s.talks, s.talksWithNotes, s.emptyTalks], [13, 7, 6]);
    assert.match(html, /<span class="stat-value">13<\/span><span class="stat-label">talks<\/span>/);
    assert.match(html, /<span class="stat-value">6<\/span><span class="stat-label">empty talks<\/span>/);
    for (let i = 0; i < 13; i++) {
      assert.ok(html.includes(`<a href="#talk-${i}">`), `index links to talk ${i}`);
      assert.ok(html.includes(`id="talk-${i}"`), `card ${i} has its anchor`);
    }
  });

  it('renders the notes as Markdown with data-line attributes that point at the document lines', () => {
    // "* Do not backup" is a list item in Vanessa Love's talk.
    const line = doc.lines.findIndex((l) => l.startsWith('* Do not backup'));
    assert.ok(line > 0);
    assert.match(html, new RegExp(`<li data-line="${line}">Do not backup`));
    assert.match(html, /<a href="https:\/\/www\.red-gate\.com\/blog\/author\/alex-yates">Alex Yates Blogs<\/a>/);
    assert.ok(html.includes('<strong>group replication</strong>'));
    // Every data-line is a line of the document.
    for (const m of html.matchAll(/data-line="([^"]*)"/g)) {
      const n = Number(m[1]);
      assert.ok(Number.isInteger(n) && n >= 0 && n < doc.lineCount, `data-line ${m[1]} inside the document`);
    }
  });

  it('keeps line numbers right for identical notes at different places (cached HTML is rebased)', () => {
    const text = '# T\n\n## A\n### Ann\n#### R\n#### C\n\nSame notes.\n\n## B\n### Bob\n#### R\n#### C\n\nSame notes.\n';
    const out = renderPreviewBody(parseNotes(text));
    assert.ok(out.includes('<p data-line="7">Same notes.</p>'), out);
    assert.ok(out.includes('<p data-line="14">Same notes.</p>'), out);
  });

  it('dims missing fields and marks talks without notes', () => {
    const text = '# Notes from X\n\n## Only a speaker\n### Ann Lee\n\n## Full talk\n### Bob Ray\n#### Engineer\n#### Acme\n\nNotes here.\n';
    const out = renderPreviewBody(parseNotes(text));
    assert.match(out, /<span class="field field-role missing"[^>]*>no role<\/span>/);
    assert.match(out, /<span class="field field-company missing"[^>]*>no company<\/span>/);
    assert.match(out, /<article class="talk empty" id="talk-0"/);
    assert.ok(out.includes('No notes yet.'));
  });

  it('shows front matter date and location', () => {
    const text = '---\nconference: JSConf\ndate: 2024-05-02\nlocation: Wellington\n---\n# Notes from JSConf\n\n## Talk one\n### Ann Lee\n#### Dev\n#### Acme\n\nText.\n';
    const out = renderPreviewBody(parseNotes(text));
    assert.match(out, /<span class="meta-date"><span class="meta-label">Date<\/span> 2024-05-02<\/span>/);
    assert.match(out, /<span class="meta-location"><span class="meta-label">Location<\/span> Wellington<\/span>/);
  });

  it('puts problem badges on the card that holds them, carrying the range', () => {
    const talk = doc.talks[2]!;
    const line = talk.headingRange.start.line + 1;
    const problems: PreviewProblem[] = [
      { message: 'Unknown word "itsself"', severity: 'information', range: { start: { line, character: 4 }, end: { line, character: 11 } }, rule: 'spelling' },
      { message: 'Talk has <no> company', severity: 'warning', range: { start: { line, character: 0 }, end: { line, character: 3 } } },
    ];
    const out = renderPreviewBody(doc, { problems, interactive: true });
    const card = out.slice(out.indexOf('id="talk-2"'), out.indexOf('id="talk-3"'));
    assert.match(card, /<summary><span class="badge badge-warning">⚠ 2 problems<\/span><\/summary>/);
    assert.ok(card.includes(`<button type="button" class="problem problem-information" data-range="${line},4,${line},11"`));
    assert.ok(card.includes('Talk has &lt;no&gt; company'), 'messages are escaped');
    assert.match(out, /<div class="stat stat-warning" title="1 warning, 1 information"><span class="stat-value">2<\/span>/);
    assert.equal(renderPreviewBody(doc, { problems }).includes('<button'), false, 'not interactive: no buttons');
  });

  it('shows each line of the notes on its own line, except inside code and when turned off', () => {
    const text = '# N\n\n## Talk\n### Ann\n#### Dev\n#### Acme\n\nFirst thought\nSecond *thought*\n\n```\ncode one\ncode two\n```\n\n- item\n- other\n';
    const doc = parseNotes(text);
    const on = renderPreviewBody(doc);
    assert.ok(on.includes('<p data-line="7">First thought<br>\nSecond <em>thought</em></p>'), on);
    assert.ok(on.includes('<code>code one\ncode two\n</code>'));
    assert.doesNotMatch(on, /<ul[^>]*>\s*<br>/);
    const off = renderPreviewBody(doc, { breaks: false });
    assert.ok(off.includes('<p data-line="7">First thought\nSecond <em>thought</em></p>'));
  });

  it('says so when there are no talks', () => {
    const out = renderPreviewBody(parseNotes('# Just a title\n\nSome text.\n'));
    assert.ok(out.includes('No talks found yet.'));
    assert.ok(out.includes('<p data-line="2">Some text.</p>'));
  });

  it('exports one standalone page with inline CSS, a CSP and no script', () => {
    const page = renderExportPage(doc, { css: '.talk{color:red}', fileName: 'scaleconf-2017.md' });
    assert.ok(page.startsWith('<!DOCTYPE html>'));
    assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">`));
    assert.match(EXPORT_CSP, /default-src 'none'/);
    assert.doesNotMatch(EXPORT_CSP, /script-src/);
    assert.ok(page.includes('.talk{color:red}'));
    assert.equal((page.match(/<article class="talk/g) ?? []).length, 13);
    assert.doesNotMatch(page, /<script|<link /i);
    assert.ok(page.includes('<title>Notes from Scaleconf 2017</title>'));
    assert.doesNotMatch(page, /stat-label">problems?</, 'no problem count in a page meant for reading');
    assert.match(renderPreviewBody(doc, { problems: [] }), /<span class="stat-value">0<\/span><span class="stat-label">problems<\/span>/);
  });

  it('resolves relative images through the callback and never loads http or script URLs', () => {
    const text = '# N\n\n## Talk\n### Ann\n#### Dev\n#### Acme\n\n![slide](img/slide one.png) ![s2](<img/slide two.png>) ![h](http://x/a.png) ![d](data:image/png;base64,AA==) ![j](javascript:alert(1))\n';
    const seen: string[] = [];
    const out = renderPreviewBody(parseNotes(text), {
      resolveResource: (p) => { seen.push(p); return p.includes('two') ? `https://file+.vscode-resource/ws/${p}` : undefined; },
      resourceKey: 'test-1',
    });
    assert.ok(seen.includes('img/slide%20two.png') || seen.includes('img/slide two.png'), JSON.stringify(seen));
    assert.match(out, /<img src="https:\/\/file\+\.vscode-resource\/ws\/img\/slide(%20| )two\.png" alt="s2"/);
    assert.match(out, /<img src="data:image\/png;base64,AA==" alt="d"/);
    assert.match(out, /<span class="blocked-image"[^>]*>\[h\]<\/span>/);
    assert.doesNotMatch(out, /src="(http:|javascript:)/);
  });
});
