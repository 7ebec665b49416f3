// The parser's passes on layouts real notes use (fixtures written for these tests, with the mess people make).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes, DEFAULT_SETTINGS } from '../../../src/core';
import { explainNotes } from '../../../src/core/detect';
import { runToEnd, scanSteps } from '../../../src/core/scan';
import { findHeads, titlePrefix } from '../../../src/core/parse/heads';
import { personEvidence, isGivenName } from '../../../src/core/parse/people';
import { normalizeTitle, matchesNonTalk } from '../../../src/core/parse/sections';
import { runRules } from './runRules';

const root = path.resolve(__dirname, '..', '..', '..');
const sample = readFileSync(path.join(root, 'samples/scaleconf-2017.md'), 'utf8');

function talksOf(text: string): Array<{ line: number; title: string; speakers: string[]; role?: string; company?: string }> {
  return parseNotes(text).talks.map((t) => {
    const talk: { line: number; title: string; speakers: string[]; role?: string; company?: string } = { line: t.range.start.line + 1, title: t.title, speakers: t.speakers.map((s) => s.text) };
    if (t.role) talk.role = t.role.text;
    if (t.company) talk.company = t.company.text;
    return talk;
  });
}

describe('parse: people', () => {
  it('knows given names (accents folded) and tells people from headings of software docs', () => {
    assert.ok(isGivenName('Kelsey') && isGivenName('Joël') && !isGivenName('Commits'));
    assert.equal(personEvidence('Kelsey Gilmore-Innis'), 'strong');
    assert.equal(personEvidence('Ann Lee and Bo Kim'), 'weak'); // "Bo" is not in the lexicon: shaped like names only
    assert.equal(personEvidence('@sakajunquality'), 'strong');
    assert.equal(personEvidence('Bug Fixes'), 'weak');
    assert.equal(personEvidence('Commits'), 'none');
    assert.equal(personEvidence('Example Structure'), 'weak');
  });
});

describe('parse: heads', () => {
  it('strips times, letters, session codes and "Talk 3:" from titles, and says when a time was there', () => {
    assert.deepEqual(titlePrefix('09:30 - Opening'), { length: 8, timed: true });
    assert.deepEqual(titlePrefix('`10:00` [Title](url)'), { length: 8, timed: true });
    assert.equal(titlePrefix('A. Keynote: Jane Doe').length, 3);
    assert.equal(titlePrefix('Talk 3: Scaling').length, 8);
    assert.equal(titlePrefix('DOP328 - Five lessons').length, 9);
    assert.equal(titlePrefix('Cloud-scale: Lessons from the field').length, 0);
  });
  it('finds bold pseudo-headings, link lines and schedule bullets, but not bold labels, speaker lines or plain bullets', () => {
    const text = ['**A. Keynote: Jane Doe**', '', '**Speaker:** Ann Lee', '', '**Kelsey Gilmore-Innis, Acme**', '', '[Teaching Python](https://youtu.be/x)', 'Elana Hashman', '', ' - "The Mess We\'re In" (Joe Armstrong) [%]', ' - plain bullet', ' - Lunch'].join('\n');
    const heads = runToEnd(findHeads(runToEnd(scanSteps(text))));
    assert.deepEqual(heads.map((h) => [h.source, h.heading.range.start.line, h.heading.text]), [
      ['bold', 0, 'A. Keynote: Jane Doe'],
      ['link', 6, 'Teaching Python'],
      ['item', 9, '"The Mess We\'re In" (Joe Armstrong)'],
    ]);
    assert.ok(heads[0]!.titleReadings[0]!.certain, 'Keynote: Name names its speaker by itself');
  });
  it('section names match with an aside, and titles lose link syntax, emphasis and quotes', () => {
    assert.ok(matchesNonTalk('Lightning talks (block 1)', DEFAULT_SETTINGS.nonTalkSections));
    assert.ok(matchesNonTalk('Lunch + hallway track', DEFAULT_SETTINGS.nonTalkSections));
    assert.ok(!matchesNonTalk('Introducing Kubernetes', DEFAULT_SETTINGS.nonTalkSections));
    assert.equal(normalizeTitle('[**"Mastering Chaos"**](https://x.y/z)'), 'Mastering Chaos');
  });
});

describe('parse: layouts of real notes', () => {
  it('a one-talk file: title heading, then the speaker as a heading', () => {
    const text = '# Advanced Javascript\n\n### Kyle Simpson\n\n===\n\n## Law #1 - know why code works\n\nnotes\n\n### Scope - where to look\n\nmore\n';
    assert.deepEqual(talksOf(text), [{ line: 1, title: 'Advanced Javascript', speakers: ['Kyle Simpson'] }]);
    const doc = parseNotes(text);
    assert.deepEqual(doc.sections.map((s) => s.title), ['Law #1 - know why code works', 'Scope - where to look']);
    assert.equal(explainNotes(doc, DEFAULT_SETTINGS, 'forward_js_2016/advanced_javascript.md').isNotes, true);
  });
  it('a one-talk file: link title, a date line, then `Name (Company)`; topic headings are sections', () => {
    const text = '# [Mastering Chaos - A Netflix Guide](https://qconsf.com/x)\n\nTuesday, Nov. 8 2016\n\nJosh Evans (Ex-Netflix)\n\n## Intro\n\ntext\n\n## Microservice Basics\n### Dependencies\nmore\n';
    assert.deepEqual(talksOf(text), [{ line: 1, title: 'Mastering Chaos - A Netflix Guide', speakers: ['Josh Evans'], company: 'Ex-Netflix' }]);
  });
  it('a one-talk file whose speaker is named before the first heading', () => {
    const text = 'Code needs to be maintained\n\nKatrina Riehl\nHomeAway.com - Vacation Rentals\n\n## Data Science in Production\n\nnotes\n\n## Ranking and Relevance\n### Gradient Boosted Trees\nmore\n';
    const [talk] = talksOf(text);
    assert.equal(talk!.line, 6);
    assert.deepEqual(talk!.speakers, ['Katrina Riehl']);
    assert.match(talk!.company ?? '', /^HomeAway\.com/);
  });
  it('a one-talk file whose abstract names the speakers', () => {
    const text = '# ABC123 - Five lessons\n\nIn this session, Join Andrew Certain, Becky Weiss, and Marc Brooker as they share lessons.\n\n## Static stability\nx\n\n## Shuffle sharding\ny\n';
    assert.deepEqual(talksOf(text), [{ line: 1, title: 'Five lessons', speakers: ['Andrew Certain', 'Becky Weiss', 'Marc Brooker'] }]);
  });
  it('keynotes whose headings are the speakers, mixed # and ##, mixed separators; topic headings are sections', () => {
    const text = '# Dan Kohn - Exec Dir - CNCF\n\n- notes\n\n## Hong Tang - Chief Architect - Alibaba Cloud\n\n- more\n\n# Michelle Noorali, Sr S/w eng, Azure\n\n- x\n\n# Envoy\n\n- y\n\n# Dianne Marsh - Dir of Eng, Netflix\n\n- z\n';
    const talks = talksOf(text);
    assert.deepEqual(talks.map((t) => [t.line, t.speakers[0], t.role, t.company]), [
      [1, 'Dan Kohn', 'Exec Dir', 'CNCF'],
      [5, 'Hong Tang', 'Chief Architect', 'Alibaba Cloud'],
      [9, 'Michelle Noorali', 'Sr S/w eng', 'Azure'],
      [17, 'Dianne Marsh', 'Dir of Eng', 'Netflix'],
    ]);
  });
  it('a schedule of `- "Title" (Speaker)` bullets under time lines, two speakers, a keynote without title', () => {
    const text = '# Strangeloop 2014 Notes\n\n__Thursday__\n\n0900: (Keynote)\n - "The Mess We\'re In" (Joe Armstrong)\n\n1000:\n - "React: RESTful UI Rendering" (Pete Hunt)\n - "Testing Distributed Systems" (Will Wilson) [%]\n - "Pairing at Scale" (Jessica Kerr, Justin Woo)\n\n1130:\n - Lunch\n\n1220:\n - Keynote (Martin Vechev)\n';
    const talks = talksOf(text);
    assert.deepEqual(talks.map((t) => [t.line, t.title, t.speakers]), [
      [6, "The Mess We're In", ['Joe Armstrong']],
      [9, 'React: RESTful UI Rendering', ['Pete Hunt']],
      [10, 'Testing Distributed Systems', ['Will Wilson']],
      [11, 'Pairing at Scale', ['Jessica Kerr', 'Justin Woo']],
      [17, 'Keynote', ['Martin Vechev']],
    ]);
    assert.equal(explainNotes(parseNotes(text), DEFAULT_SETTINGS, 'README.md').isNotes, true);
  });
  it('a blog post with a `[Title](video)` link line and a name line per talk, no headings', () => {
    const text = '---\nlayout: post\ntitle: Post Pycon\n---\n\nThanks to everyone.\n\n[Seriously Strong Security](https://youtu.be/a)  \nKelsey Gilmore-Innis  \nI liked it.\n\n[Teaching Python: The Hard Parts](https://youtu.be/b)  \nElana Hashman  \nGreat talk.\n';
    assert.deepEqual(talksOf(text).map((t) => [t.line, t.title, t.speakers]), [
      [8, 'Seriously Strong Security', ['Kelsey Gilmore-Innis']],
      [12, 'Teaching Python: The Hard Parts', ['Elana Hashman']],
    ]);
  });
  it('`##### `10:00` [Title](url)` talks under `### Day` headings, after summary sections, with no speakers', () => {
    const text = '# QCon SF 2025\n\n## Architecture\n\nSummary.\n\n## Appendix\n\n### Monday\n\n##### `09:00` [From Friction to Flow](https://q/1)\n\nKeynote.\n\n##### `10:35` [How to Build an Exchange](https://q/2)\n\nTrack: Architectures\n\n### Tuesday\n\n##### `09:00` [Directing a Swarm of Agents](https://q/3)\n';
    const talks = talksOf(text);
    assert.deepEqual(talks.map((t) => [t.line, t.title]), [[11, 'From Friction to Flow'], [15, 'How to Build an Exchange'], [21, 'Directing a Swarm of Agents']]);
    assert.equal(explainNotes(parseNotes(text), DEFAULT_SETTINGS, 'articles/qcon-sf-2025/README.md').isNotes, true);
  });
  it('bold lettered pseudo-headings: `**A. Keynote: Name**`, `**C. Title**` with a `- speaker:` bullet, a talk with no speaker', () => {
    const text = '# ODSC East\n\n## Day 1\n\n**A. Keynote: Maureen Mcelany**\n\n- "Building Trust"\n- notes\n\n**C. "Elementary Data Science"**\n\n- speaker: Josh Wills\n- notes\n\n**B. AI and Security**\n\n- now you can\n';
    assert.deepEqual(talksOf(text).map((t) => [t.line, t.title, t.speakers]), [
      [5, 'Keynote', ['Maureen Mcelany']],
      [10, 'Elementary Data Science', ['Josh Wills']],
      [15, 'AI and Security', []],
    ]);
  });
  it('speaker lines in every order real notes use: `Name - Role @ Company`, `Company, Role`, pronouns, `with`, handles', () => {
    const text = '# RailsConf\n\n### Upgrading Rails\nMichael Toppa - FastRuby.io, Senior Engineering Manager\n\nnotes\n\n### Forecasting\nLandon Gray (he/him) - Test Double, Senior Software Consultant\n\nnotes\n\n### Queries\nJustin Daniel - Software engineer with G2\n\nnotes\n\n### Off to the races\nKyle d\'Oliveira - Senior Software Engineer @ Aha!\n\nnotes\n';
    assert.deepEqual(talksOf(text).map((t) => [t.speakers[0], t.role, t.company]), [
      ['Michael Toppa', 'Senior Engineering Manager', 'FastRuby.io'],
      ['Landon Gray', 'Senior Software Consultant', 'Test Double'],
      ['Justin Daniel', 'Software engineer', 'G2'],
      ["Kyle d'Oliveira", 'Senior Software Engineer', 'Aha!'],
    ]);
  });
  it('speakers in talk headings written inconsistently: `- Name, Company @handle`, `by @handle`, `by Andrew (Role in Company)`', () => {
    const text = '## GitOps at Ubie by @sakajunquality\nx\n\n## ChatBot from Capital Bank by Andrew\ny\n\n## Labels in Alerts - Elena Morozova, Weaveworks @lelenanam\nz\n\n## CRDs are not just for Addons: by Tim (Principal eng in Google)\nw\n\n## Release Notes Tips - Mike Arpaia, Kolide @marpaia\nv\n';
    assert.deepEqual(talksOf(text).map((t) => [t.title, t.speakers[0], t.company]), [
      ['GitOps at Ubie', '@sakajunquality', undefined],
      ['ChatBot from Capital Bank', 'Andrew', undefined],
      ['Labels in Alerts', 'Elena Morozova', 'Weaveworks'],
      ['CRDs are not just for Addons', 'Tim', 'Google'],
      ['Release Notes Tips', 'Mike Arpaia', 'Kolide'],
    ]);
  });
  it('a table of talks: the header names the title, speaker and company columns; a row without a speaker is a break', () => {
    const text = '# DevConf 2025 notes\n\n## Schedule\n\n| Time | Talk | Speaker | Company |\n|------|------|---------|---------|\n| 09:00 | Opening keynote | Kelsey Smith | Acme |\n| 10:00 | Scaling \\| things | Dustin Ingram, Elana Hashman | PyPI |\n| 11:00 | Coffee | | |\n\n## My notes\n\ntext\n';
    assert.deepEqual(talksOf(text), [
      { line: 7, title: 'Opening keynote', speakers: ['Kelsey Smith'], company: 'Acme' },
      { line: 8, title: 'Scaling | things', speakers: ['Dustin Ingram', 'Elana Hashman'], company: 'PyPI' },
    ]);
    // A table without a speaker column (an index of sessions) starts no talks.
    assert.deepEqual(talksOf('# X\n\n| Session | Tags |\n|---|---|\n| [Keynote](#keynote) | #java |\n'), []);
  });
  it('`## Title` with the speaker a bullet a few lines down, after a quote and a metadata bullet (names the lexicon may not know)', () => {
    const talk = (title: string, name: string): string => `## ${title}\n\n(in original: Něco)\n\n> A quote.\n\n- Length 50 min, watched on 2022-06-01\n- ${name}\n- Czech\n\nnotes\n`;
    const text = `# JavaDays 2022\n\n${talk('Keynote', 'Jiří Pinkas')}\n${talk('Scalable backend', 'Roman Bouchner')}\n${talk('Docker images', 'Petr Adámek')}`;
    assert.deepEqual(talksOf(text).map((t) => t.speakers), [['Jiří Pinkas'], ['Roman Bouchner'], ['Petr Adámek']]);
  });
});

describe('parse: notes detection', () => {
  it('CHANGELOGs and READMEs are not notes, however their headings look', () => {
    const changelog = '# Changelog\n\n## v1.2.0 - 2024-12-03\n\n### Commits\n\n- fix a\n\n## v1.1.0 - 2024-11-01\n\n### Bug Fixes\n\n- fix b\n';
    const verdict = explainNotes(parseNotes(changelog), DEFAULT_SETTINGS, 'CHANGELOG.md');
    assert.equal(verdict.isNotes, false);
    const readme = '# my-lib\n\n## Install\n\nnpm i my-lib\n\n## Usage\n\n### Jane Doe\n\ncall it\n\n## Example Structure\n\n### John Smith\n\nx\n\n## License\n\nMIT\n';
    assert.equal(explainNotes(parseNotes(readme), DEFAULT_SETTINGS, 'README.md').isNotes, false);
  });
  it('says why a file is notes, and when a file nearly is', () => {
    const verdict = explainNotes(parseNotes(sample), DEFAULT_SETTINGS, 'samples/scaleconf-2017.md');
    assert.equal(verdict.isNotes, true);
    assert.match(verdict.reason, /^13 talks, 13 with a speaker/);
    const nearly = explainNotes(parseNotes('# Trip\n\n## Day one\n\n### Kelsey Smith\n\ntext\n'), DEFAULT_SETTINGS, 'trip.md');
    assert.equal(nearly.isNotes, false);
    assert.equal(nearly.nearly, true);
    assert.match(nearly.reason, /1 talk/);
  });
});

describe('parse: the sample with a field deleted', () => {
  const lines = sample.split('\n');
  const doc = parseNotes(sample);
  it('reads the sample as 13 talks', () => assert.equal(doc.talks.length, 13));
  for (const talk of doc.talks) {
    for (const name of ['speaker', 'role', 'company'] as const) {
      const field = talk[name];
      if (!field || field.source !== 'heading') continue;
      it(`reports missing-${name} on '${talk.title}' when its ${name} heading is deleted`, async () => {
        const line = field.lineRange.start.line;
        const text = [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
        const findings = await runRules(text, `missing-${name}`);
        const heading = talk.headingRange.start.line;
        assert.ok(findings.some((f) => f.range.start.line === heading), `no missing-${name} at line ${heading + 1}: ${JSON.stringify(findings.map((f) => f.range.start.line + 1))}`);
      });
    }
    it(`reports missing-speaker on '${talk.title}' when all its field headings are deleted`, async () => {
      const drop = new Set(talk.fieldHeadings.map((h) => h.range.start.line));
      if (drop.size === 0) return;
      const text = lines.filter((_, k) => !drop.has(k)).join('\n');
      const findings = await runRules(text, 'missing-speaker');
      assert.ok(findings.some((f) => f.range.start.line === talk.headingRange.start.line), `no missing-speaker on '${talk.title}'`);
    });
  }
});
