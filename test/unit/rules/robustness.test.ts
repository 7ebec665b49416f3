// Every rule on mutated notes (broken Markdown, mojibake, CRLF, BOM, snippet metacharacters): no exception,
// every range inside the text, every fix applicable, and fixes that are safe leave a text that parses.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes } from '../../../src/core';
import { lintDocument } from '../../../src/core/lint';
import { structureRules } from '../../../src/core/rules';
import { applyEdits, plainEdits } from '../../../src/core/edits';
import { sampleText } from './helpers';

const PIECES = ['#', '## ', '### ', '#### ', '\n', '\r\n', ' ', 'Ã©', 'â€œ', '[x](a.io)', '`', '```\n', '**Speaker:** ', 'Speaker: ', 'some some ', 'Ronan ', '- ', '> ', '<div>', '\ufeff', '%', '$', '}', '\\', 'é', '😀', '\t'];

describe('lint rules on mutated notes', () => {
  it('never throw, keep ranges inside the text, and produce applicable fixes', function () {
    this.timeout(120_000);
    const fixtures = path.join(__dirname, '../../fixtures/parser');
    const seeds = [sampleText(), ...readdirSync(fixtures).filter((f) => f.endsWith('.md')).map((f) => readFileSync(path.join(fixtures, f), 'utf8'))];
    let state = 7;
    const rnd = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    let findings = 0;
    for (let i = 0; i < 250; i++) {
      let text = seeds[rnd(seeds.length)]!;
      for (let k = 0; k < 20; k++) {
        const at = rnd(text.length + 1);
        text = text.slice(0, at) + PIECES[rnd(PIECES.length)] + text.slice(at + rnd(3));
      }
      const doc = parseNotes(text);
      for (const f of lintDocument(doc, { rules: {} }, { rules: structureRules })) {
        findings++;
        for (const p of [f.range.start, f.range.end]) {
          assert.ok(p.line >= 0 && p.line < doc.lineCount && p.character >= 0 && p.character <= doc.lines[p.line]!.length, `${f.rule} range ${JSON.stringify(f.range)}`);
        }
        for (const fix of f.fixes) {
          const fixed = applyEdits(text, plainEdits(fix));
          if (fix.safe) assert.ok(parseNotes(fixed).lineCount > 0);
        }
      }
    }
    assert.ok(findings > 600, `only ${findings} findings: the mutations are not reaching the rules`);
  });
});
