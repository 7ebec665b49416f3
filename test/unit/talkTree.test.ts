import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { parseNotes } from '../../src/core/parser';
import {
  countWords,
  filterRows,
  groupTalks,
  holdsLine,
  matchesFilter,
  newTalkInsertion,
  nextTalk,
  previousTalk,
  talkAt,
  talkRows,
  talkRowsSteps,
  cachedTalkRows,
  talkSkeleton,
  tooltipLines,
  fuzzyMatches,
  talkSymbols,
  notesSkeleton,
  notesWordCount,
  type NotesFile,
} from '../../src/core/talkTree';
import { DEVOPSDAYS, SCALECONF, makeDoc } from './talkTreeFixtures';

function file(key: string, text: string, problems?: NotesFile['problems']): NotesFile {
  return { key, name: `${key}.md`, doc: makeDoc(text), problems };
}

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `no line with ${needle}`);
  return i;
}

describe('talk tree model', () => {
  describe('rows for one document', () => {
    it('has one row per talk in document order, sections excluded', () => {
      const rows = talkRows(file('scale', SCALECONF));
      assert.deepEqual(
        rows.map((r) => [r.label, r.description]),
        [
          ['Databases and Containers', 'Ronen Baram · Oracle'],
          ['Planning your automation', 'Vanessa Love · Octopus Deploy'],
          ['Designing interfaces', 'Rob Pearson · Octopus Deploy'],
        ],
      );
      assert.deepEqual(rows.map((r) => r.line), [5, 14, 21]);
      assert.equal(rows[0]!.conference, 'Scaleconf 2017');
    });

    it('puts the cursor target on the heading text, not on the # marks', () => {
      const [row] = talkRows(file('scale', SCALECONF));
      assert.deepEqual(row!.titleRange.start, { line: 5, character: 3 });
    });

    it('tells a complete talk from one with problems and one without notes', () => {
      const problemLine = lineOf(SCALECONF, 'Rob showed');
      const rows = talkRows(file('scale', SCALECONF, [{ range: { start: { line: problemLine, character: 0 }, end: { line: problemLine, character: 3 } } }]));
      assert.deepEqual(rows.map((r) => r.state), ['complete', 'no-notes', 'problems']);
      assert.deepEqual(rows.map((r) => r.problems), [0, 0, 1]);
    });

    it('leaves problems unknown for a file that was not checked', () => {
      const rows = talkRows(file('scale', SCALECONF));
      assert.equal(rows[0]!.problems, undefined);
      assert.equal(rows[0]!.state, 'complete');
      assert.match(tooltipLines(rows[0]!).find((l) => l.label === 'Problems')!.value, /not checked/);
    });

    it('gives the tooltip title, speaker, role, company, notes word count and problems', () => {
      const [row] = talkRows(file('scale', SCALECONF, []));
      assert.deepEqual(tooltipLines(row!), [
        { label: 'Title', value: 'Databases and Containers' },
        { label: 'Speaker', value: 'Ronen Baram' },
        { label: 'Role', value: 'MySQL Principal Consultant' },
        { label: 'Company', value: 'Oracle' },
        { label: 'Notes', value: '8 words' },
        { label: 'Problems', value: '0' },
      ]);
    });

    it('counts words without link targets and code blocks', () => {
      assert.equal(countWords("Ronen's multi-master demo, v8.0 — it's live!"), 6);
      const text = '# C\n\n## T\n### S\n\nSee [the docs](https://example.com/a/b/c) now.\n```\ncode code code\n```\n';
      const doc = makeDoc(text);
      doc.nonProse.push({ startLine: 6, endLine: 8, kind: 'code' });
      const [row] = talkRows({ key: 'k', name: 'k.md', doc });
      assert.equal(row!.notesWords, 4);
    });

    it('counts again after an incremental parse that kept the talks but not the lines', async () => {
      const { parseIncremental } = await import('../../src/core/incremental');
      const text = readFileSync(new URL('../../samples/scaleconf-2017.md', import.meta.url), 'utf8');
      const before = parseNotes(text);
      const words = talkRows({ key: 's', name: 's.md', doc: before })[2]!.notesWords;
      const lines = text.split('\n');
      lines[58] = `${lines[58]} and three more`;
      const after = parseIncremental(lines.join('\n'), before);
      assert.ok(after.reused && after.doc.talks[2] === before.talks[2], 'the parse reused the talk objects');
      assert.equal(talkRows({ key: 's', name: 's.md', doc: after.doc })[2]!.notesWords, words + 3);
    });

    it('keeps ids unique and stable when two talks share a title', () => {
      const text = '# C\n\n## Panel\n### A\n\nx\n\n## Panel\n### B\n\ny\n';
      const rows = talkRows(file('f', text));
      assert.deepEqual(rows.map((r) => r.id), ['f#Panel', 'f#Panel#2']);
    });

    it('shows only what is known in the description', () => {
      const rows = talkRows(file('f', '# C\n\n## Lonely talk\n\nJust notes.\n'));
      assert.equal(rows[0]!.description, '');
      assert.equal(tooltipLines(rows[0]!)[1]!.value, '(none)');
    });
  });

  describe('filtering', () => {
    const rows = talkRows(file('scale', SCALECONF));
    it('matches title, speaker and company, case and accent insensitive', () => {
      assert.deepEqual(filterRows(rows, 'octopus').map((r) => r.label), ['Planning your automation', 'Designing interfaces']);
      assert.deepEqual(filterRows(rows, 'RONEN').map((r) => r.label), ['Databases and Containers']);
      assert.deepEqual(filterRows(rows, 'contain').map((r) => r.label), ['Databases and Containers']);
      const cafe = talkRows(file('d', DEVOPSDAYS));
      assert.deepEqual(filterRows(cafe, 'cafe zoe').map((r) => r.label), ['Café culture']);
    });
    it('requires every term and does not match the role', () => {
      assert.deepEqual(filterRows(rows, 'octopus rob').map((r) => r.label), ['Designing interfaces']);
      assert.deepEqual(filterRows(rows, 'guru'), []);
    });
    it('keeps everything for an empty filter', () => {
      assert.equal(filterRows(rows, '   ').length, 3);
      assert.ok(matchesFilter(rows[0]!, ''));
    });
  });

  describe('grouping across files', () => {
    const files = [file('scale', SCALECONF), file('devops', DEVOPSDAYS)];

    it('groups by conference (file) then talk, in file and document order', () => {
      const groups = groupTalks(files, 'conference');
      assert.deepEqual(
        groups.map((g) => [g.label, g.description, g.children.map((c) => c.label)]),
        [
          ['Scaleconf 2017', 'scale.md', ['Databases and Containers', 'Planning your automation', 'Designing interfaces']],
          ['DevOpsDays 2018', 'devops.md', ['Observability for everyone', 'Café culture']],
        ],
      );
      assert.equal(groups[0]!.children[0]!.description, 'Ronen Baram · Oracle');
    });

    it('groups by speaker, showing every conference of a speaker', () => {
      const groups = groupTalks(files, 'speaker');
      assert.deepEqual(groups.map((g) => g.label), ['Rob Pearson', 'Ronen Baram', 'Vanessa Love', 'Zoë Müller']);
      const ronen = groups[1]!;
      assert.equal(ronen.description, '2 talks at 2 conferences');
      assert.deepEqual(
        ronen.children.map((c) => [c.label, c.description]),
        [
          ['Databases and Containers', 'Scaleconf 2017 · Oracle'],
          ['Observability for everyone', 'DevOpsDays 2018 · Oracle'],
        ],
      );
    });

    it('groups by company, merging spellings that differ only in case', () => {
      const shouty = file('shout', '# Notes from Shout\n\n## Loud\n### Someone\n\n#### Role\n\n#### OCTOPUS DEPLOY\n\nx\n');
      const groups = groupTalks([...files, shouty], 'company');
      assert.deepEqual(groups.map((g) => g.label), ['Octopus Deploy', 'Oracle', 'Timely']);
      assert.deepEqual(groups[0]!.children.map((c) => [c.label, c.description]), [
        ['Planning your automation', 'Vanessa Love · Scaleconf 2017'],
        ['Designing interfaces', 'Rob Pearson · Scaleconf 2017'],
        ['Loud', 'Someone · Shout'],
      ]);
    });

    it('puts talks without a speaker or company in a last group', () => {
      const bare = file('bare', '# Notes from Bare\n\n## Unknown talk\n\nnotes\n');
      assert.equal(groupTalks([...files, bare], 'speaker').at(-1)!.label, '(no speaker)');
      assert.equal(groupTalks([bare, ...files], 'company').at(-1)!.label, '(no company)');
    });

    it('lists a talk with several speakers under each of them', () => {
      const panel = makeDoc('# Notes from P\n\n## Panel\n### Ann\n\nx\n');
      const t = panel.talks[0]!;
      t.speakers = [t.speaker!, { ...t.speaker!, text: 'Bob' }];
      const groups = groupTalks([{ key: 'p', name: 'p.md', doc: panel }], 'speaker');
      assert.deepEqual(groups.map((g) => [g.label, g.children.map((c) => c.label)]), [
        ['Ann', ['Panel']],
        ['Bob', ['Panel']],
      ]);
      assert.notEqual(groups[0]!.children[0]!.id, groups[1]!.children[0]!.id);
    });

    it('filters inside groups and drops empty groups', () => {
      assert.deepEqual(groupTalks(files, 'conference', 'oracle').map((g) => [g.label, g.children.length]), [
        ['Scaleconf 2017', 1],
        ['DevOpsDays 2018', 1],
      ]);
      assert.deepEqual(groupTalks(files, 'speaker', 'timely').map((g) => g.label), ['Zoë Müller']);
    });

    it('gives every node an id that is unique in the tree', () => {
      for (const by of ['conference', 'speaker', 'company'] as const) {
        const ids = groupTalks(files, by).flatMap((g) => [g.id, ...g.children.map((c) => c.id)]);
        assert.equal(new Set(ids).size, ids.length, by);
      }
    });
  });

  describe('talk at a position', () => {
    const doc = makeDoc(SCALECONF);
    const line = (needle: string): number => lineOf(SCALECONF, needle);

    it('finds the talk holding a line, from its heading to the line before the next talk', () => {
      assert.equal(talkAt(doc, line('## Databases'))?.title, 'Databases and Containers');
      assert.equal(talkAt(doc, line('Group replication'))?.title, 'Databases and Containers');
      assert.equal(talkAt(doc, line('## Planning') - 1)?.title, 'Databases and Containers');
      assert.equal(talkAt(doc, line('## Planning'))?.title, 'Planning your automation');
    });

    it('finds the first talk holding a line where talks nest, as a search over every talk does', () => {
      const nested = parseNotes(
        [
          '# Notes from KubeCon',
          '## Keynotes',
          '### Ada Lovelace - Engine Co',
          '',
          '## Opening',
          '### Grace Hopper - Navy',
          'Compilers.',
          '',
          'Between the talks.',
          '## Closing',
          '### Alan Turing - Bletchley',
          'Machines.',
        ].join('\n'),
      );
      assert.ok(nested.talks.length >= 2, `talks: ${nested.talks.map((t) => t.title).join(', ')}`);
      // Whatever the parser makes of it, an outer range around the others must win over them, and gaps stay its own.
      const synthetic = { ...nested, talks: [...nested.talks] };
      synthetic.talks[0] = { ...synthetic.talks[0]!, range: { start: { line: 1, character: 0 }, end: { line: 11, character: 9 } } };
      for (const d of [doc, nested, synthetic]) {
        for (let l = -1; l <= d.lineCount + 1; l++) {
          assert.equal(talkAt(d, l), d.talks.find((t) => holdsLine(t.range, l)), `line ${l}`);
        }
      }
    });

    it('finds no talk in sections that are not talks', () => {
      assert.equal(talkAt(doc, line('Some words before')), undefined);
      assert.equal(talkAt(doc, 0), undefined);
    });

    it('finds the next and previous talk', () => {
      assert.equal(nextTalk(doc, 0)?.title, 'Databases and Containers');
      assert.equal(nextTalk(doc, line('## Databases'))?.title, 'Planning your automation');
      assert.equal(nextTalk(doc, line('Rob showed')), undefined);
      assert.equal(previousTalk(doc, line('Rob showed'))?.title, 'Planning your automation');
      assert.equal(previousTalk(doc, line('## Planning'))?.title, 'Databases and Containers');
      assert.equal(previousTalk(doc, line('Group replication')), undefined);
      assert.equal(previousTalk(doc, line('Some words before')), undefined);
    });
  });

  describe('new talk skeleton', () => {
    it('follows a heading layout, levels included', () => {
      const doc = makeDoc(SCALECONF);
      assert.equal(
        talkSkeleton(doc.layout),
        '## ${1:Talk title}\n### ${2:Speaker}\n\n#### ${3:Role}\n\n#### ${4:Company}\n\n${0:Notes}\n',
      );
      assert.match(talkSkeleton({ ...doc.layout, talkLevel: 3, fieldLevels: { speaker: 4, role: 5, company: 5 } }), /^### \$\{1:Talk title\}\n#### \$\{2:Speaker\}\n\n##### /);
    });

    it('follows label, title and byline layouts', () => {
      const base = makeDoc(SCALECONF).layout;
      assert.equal(
        talkSkeleton({ ...base, fieldStyle: 'label', labelStyle: 'bold' }),
        '## ${1:Talk title}\n\n**Speaker:** ${2:Speaker}\n\n**Role:** ${3:Role}\n\n**Company:** ${4:Company}\n\n${0:Notes}\n',
      );
      assert.match(talkSkeleton({ ...base, fieldStyle: 'label', labelStyle: 'list' }), /\n- Speaker: \$\{2:Speaker\}\n- Role: \$\{3:Role\}\n- Company: /);
      assert.equal(talkSkeleton({ ...base, fieldStyle: 'title' }), '## ${1:Talk title} — ${2:Speaker} (${4:Company})\n\n${0:Notes}\n');
      assert.equal(talkSkeleton({ ...base, fieldStyle: 'byline' }), '## ${1:Talk title}\n${2:Speaker} - ${3:Role} @ ${4:Company}\n\n${0:Notes}\n');
    });

    it('goes after the talk holding the cursor, with blank lines around it', () => {
      const doc = makeDoc(SCALECONF);
      const at = newTalkInsertion(doc, lineOf(SCALECONF, 'Group replication'));
      // Right after the notes, before the blank line that precedes the next talk.
      assert.deepEqual(at.position, { line: lineOf(SCALECONF, 'Group replication') + 1, character: 0 });
      assert.ok(at.snippet.startsWith('\n## ${1:Talk title}'));
      assert.ok(at.snippet.endsWith('${0:Notes}\n'));
    });

    it('goes at the end of a document whose last line has no line break', () => {
      const text = '# C\n\n## T\n### S\n\nlast words';
      const at = newTalkInsertion(makeDoc(text), 5);
      assert.deepEqual(at.position, { line: 5, character: 'last words'.length });
      assert.ok(at.snippet.startsWith('\n\n## '));
    });

    it('separates the skeleton from a heading right below', () => {
      const text = '# C\n\n## T\n### S\n\nnotes\n## U\n### V\n';
      const at = newTalkInsertion(makeDoc(text), 5);
      assert.deepEqual(at.position, { line: 6, character: 0 });
      assert.ok(at.snippet.startsWith('\n## '));
      assert.ok(at.snippet.endsWith('${0:Notes}\n\n'));
    });
  });
});

describe('talk symbols', () => {
  const files: NotesFile[] = [
    { key: 'scale', name: 'scale.md', doc: makeDoc(SCALECONF) },
    { key: 'devops', name: 'devops.md', doc: makeDoc(DEVOPSDAYS) },
  ];
  it('finds talks by title and speakers by name, fuzzily', () => {
    assert.deepEqual(
      talkSymbols(files, 'ronen').map((s) => [s.kind, s.name, s.container, s.fileKey]),
      [
        ['speaker', 'Ronen Baram', 'Databases and Containers', 'scale'],
        ['speaker', 'Ronen Baram', 'Observability for everyone', 'devops'],
      ],
    );
    assert.deepEqual(talkSymbols(files, 'dbcont').map((s) => [s.kind, s.name, s.container]), [
      ['talk', 'Databases and Containers', 'Ronen Baram · Scaleconf 2017'],
    ]);
    assert.deepEqual(talkSymbols(files, 'zoe').map((s) => s.name), ['Zoë Müller']);
  });
  it('points a speaker symbol at the speaker field', () => {
    const [s] = talkSymbols(files, 'Vanessa');
    assert.deepEqual(s!.range.start, { line: lineOf(SCALECONF, '### Vanessa'), character: 4 });
  });
  it('lists everything for an empty query and nothing for a query that matches nothing', () => {
    assert.equal(talkSymbols(files, '').length, 10);
    assert.deepEqual(talkSymbols(files, 'xyzzy'), []);
    assert.ok(!fuzzyMatches('ba', 'ab'));
  });
});

describe('talk tree of the sample (real parser)', () => {
  it('lists its 13 talks in order, with speaker · company and the right states', () => {
    const text = readFileSync(new URL('../../samples/scaleconf-2017.md', import.meta.url), 'utf8');
    const rows = talkRows({ key: 'sample', name: 'scaleconf-2017.md', doc: parseNotes(text), problems: [] });
    assert.equal(rows.length, 13);
    assert.deepEqual(rows.slice(0, 3).map((r) => [r.line + 1, r.label, r.description]), [
      [13, 'Cloud-scale: Lessons from the field', 'Daniel Larsen · Microsoft NZ'],
      [30, 'Automating Migrations at Scale', 'Sarah Dapul-Weberman · Pinterest'],
      [49, 'Databases and Containers', 'Ronen Baram · Oracle'],
    ]);
    assert.equal(rows.at(-1)!.label, 'The Art of Coding a Conversation: Designing Bots');
    // The last six talks have fields but no notes yet.
    assert.deepEqual(rows.map((r) => r.state === 'no-notes'), [...Array(7).fill(false), ...Array(6).fill(true)]);
  });

  it("counts a talk's words again when its lines change in a model reused after an edit, and only then", () => {
    const text = readFileSync(new URL('../../samples/scaleconf-2017.md', import.meta.url), 'utf8');
    const doc = parseNotes(text);
    const talk = doc.talks.find((t) => t.notesRange)!;
    const other = doc.talks.find((t) => t.notesRange && t !== talk)!;
    const words = notesWordCount(doc, talk);
    assert.ok(words > 10);
    // A reused model: the same Talk objects, new lines (as parseIncremental gives after an edit of one line).
    const withLines = (lines: string[]) => ({ ...doc, lines });
    const lines = [...doc.lines];
    assert.equal(notesWordCount(withLines(lines), talk), words, 'the same lines: the same count');
    const line = talk.notesRange!.start.line + 1;
    const changed = [...lines];
    changed[line] = `${changed[line]} three more words`;
    const edited = withLines(changed);
    assert.equal(notesWordCount(edited, talk), words + 3, 'an edited line of the talk: counted again');
    assert.equal(notesWordCount(edited, other), notesWordCount(doc, other), "another talk's count is kept");
    const back = withLines([...doc.lines]);
    assert.equal(notesWordCount(back, talk), words, 'and back');
  });
});

describe('talk rows in steps', () => {
  const text = readFileSync(new URL('../../samples/scaleconf-2017.md', import.meta.url), 'utf8');

  it('makes the rows talkRows makes, a few hundred talks a step, and remembers them for the build that follows', () => {
    const doc = parseNotes(text.repeat(80)); // 1,040 talks
    const problems = [{ range: { start: { line: 40, character: 0 }, end: { line: 40, character: 3 } } }];
    const f: NotesFile = { key: 'big', name: 'big.md', doc, problems };
    assert.equal(cachedTalkRows(f), undefined);
    const steps = talkRowsSteps(f);
    let yields = 0;
    let next = steps.next();
    while (!next.done) {
      yields++;
      next = steps.next();
    }
    const rows = next.value;
    assert.equal(rows.length, 1040);
    assert.ok(yields >= 3 && yields <= 10, `${yields} steps`);
    assert.equal(cachedTalkRows(f), rows, 'remembered');
    assert.equal(talkRows(f), rows, 'talkRows finds them');
    assert.deepEqual(talkRows({ ...f, problems: [...problems] }), rows, 'other problems: made again, the same rows');
    assert.equal(rows.filter((r) => r.problems).length, 1);
  });

  it('makes rows again for another document, key or name, never the rows of another file', () => {
    const doc = parseNotes(text);
    const problems: NotesFile['problems'] = [];
    const rows = talkRows({ key: 'a', name: 'a.md', doc, problems });
    assert.equal(cachedTalkRows({ key: 'b', name: 'a.md', doc, problems }), undefined);
    assert.equal(cachedTalkRows({ key: 'a', name: 'b.md', doc, problems }), undefined);
    assert.equal(cachedTalkRows({ key: 'a', name: 'a.md', doc: parseNotes(text), problems }), undefined);
    assert.equal(talkRows({ key: 'b', name: 'a.md', doc, problems })[0]!.fileKey, 'b');
    assert.equal(rows[0]!.fileKey, 'a');
  });
});

describe('new notes skeleton', () => {
  it('asks for the conference first, then the first talk', () => {
    assert.equal(
      notesSkeleton(),
      '# Notes from ${1:Conference name}\n\n## ${2:Talk title}\n### ${3:Speaker}\n\n#### ${4:Role}\n\n#### ${5:Company}\n\n${0:Notes}\n',
    );
  });
});

describe('talk tree of the three-conference fixture (real parser)', () => {
  const files: NotesFile[] = ['devopsdays-wellington-2018.md', 'kiwicon-2019.md', 'webstock-2019.md'].map((name) => ({
    key: name,
    name,
    doc: parseNotes(readFileSync(new URL(`../fixtures/talks/${name}`, import.meta.url), 'utf8')),
  }));
  it('groups by conference, by speaker (Ronen at two conferences) and by company', () => {
    assert.deepEqual(groupTalks(files, 'conference').map((g) => g.label), ['DevOpsDays Wellington 2018', 'Kiwicon 2019', 'Webstock 2019']);
    const ronen = groupTalks(files, 'speaker').find((g) => g.label === 'Ronen Baram')!;
    assert.deepEqual(ronen.children.map((c) => c.description), ['DevOpsDays Wellington 2018 · Oracle', 'Kiwicon 2019 · Oracle']);
    assert.equal(ronen.description, '2 talks at 2 conferences');
    assert.deepEqual(groupTalks(files, 'company').map((g) => [g.label, g.children.length]), [
      ['Datacom', 1],
      ['Octopus Deploy', 2],
      ['Oracle', 2],
      ['Xero', 1],
    ]);
  });
  it('writes a new talk in the label layout of a file that uses labels', () => {
    const webstock = files[2]!.doc;
    assert.equal(webstock.layout.fieldStyle, 'label');
    const at = newTalkInsertion(webstock, 10);
    assert.match(at.snippet, /\n\*\*Speaker:\*\* \$\{2:Speaker\}\n/);
  });
});

describe('new talk skeleton, parsed back (real parser)', () => {
  for (const file of ['../../samples/scaleconf-2017.md', '../fixtures/talks/webstock-2019.md', '../fixtures/talks/kiwicon-2019.md']) {
    it(`is read as one more talk with all its fields in ${file.split('/').pop()}`, () => {
      const text = readFileSync(new URL(file, import.meta.url), 'utf8');
      const doc = parseNotes(text);
      const at = newTalkInsertion(doc, doc.talks[0]!.range.start.line + 3);
      // What the snippet leaves when the user tabs through without typing: the placeholders' own text.
      const plain = at.snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1');
      const lines = text.split('\n');
      const line = lines[at.position.line]!;
      lines[at.position.line] = line.slice(0, at.position.character) + plain + line.slice(at.position.character);
      const after = parseNotes(lines.join('\n'));
      assert.equal(after.talks.length, doc.talks.length + 1);
      const added = after.talks[1]!;
      assert.deepEqual([added.title, added.speaker?.text, added.role?.text, added.company?.text], ['Talk title', 'Speaker', 'Role', 'Company']);
      assert.equal(after.talks[2]!.title, doc.talks[1]!.title);
    });
  }
});
