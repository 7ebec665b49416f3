// Spelling inside a real extension host: diagnostics on the sample, the quick fixes at 'ammend', applying one,
// the dictionaries (workspace file, user setting, ignore comment), the locale setting, and Add All Unknown Words.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE, codeActions, revertAndCloseAll, sampleText, show, showCopy, spellingDiagnostics as spelling, waitForUpTo, workspaceFile } from './helpers';

const CONFIG = '.conference-notes.json';
const SAMPLE_TYPOS = ['anyones', 'ammend', 'breifs', 'outlyers', 'databses', 'phylosophy', 'creeking', 'joinign', 'desicion', 'functionailty', 'dont', 'wasnt', 'itsself', 'everying', 'refernced', 'uniquley', 'pentalty', 'securtiy', 'everyones', 'thier', 'pahe', 'vists', 'Martics', 'ofs', 'alow', 'anomoly'];
const NAMES = ['Scaleconf', 'scaleconf', 'Dapul', 'Weberman', 'Srinivasamurthy', 'Pinterest', 'Jeyappragash', 'Rucinque', 'DataDog', 'ThoughtWorks', 'Octopus'];

const waitFor = waitForUpTo(20000);
const configUri = (): vscode.Uri => workspaceFile(CONFIG);

function flagged(document: vscode.TextDocument): string[] {
  return spelling(document.uri).map((d) => document.getText(d.range));
}

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await codeActions(uri, range, vscode.CodeActionKind.QuickFix.value)).filter((a) => a.kind?.value === 'quickfix');
}

async function openSample(): Promise<vscode.TextDocument> {
  const { document } = await show(SAMPLE);
  await waitFor('spelling diagnostics on the sample', () => spelling(document.uri).length > 20);
  return document;
}

async function openCopy(text: string): Promise<vscode.TextEditor> {
  const editor = await showCopy(text);
  await waitFor('spelling diagnostics of the copy', () => spelling(editor.document.uri).length > 20);
  return editor;
}

async function removeConfig(): Promise<void> {
  try {
    await vscode.workspace.fs.delete(configUri());
  } catch {
    // not there
  }
}

describe('Spelling', function () {
  this.timeout(60000);
  afterEach(revertAndCloseAll);
  after(async () => {
    await removeConfig();
    await vscode.workspace.getConfiguration('conferenceNotes').update('spelling.words', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('conferenceNotes').update('spelling.locale', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('flags every real misspelling of the sample, as information, and no speaker, company or conference name', async () => {
    const document = await openSample();
    const words = flagged(document);
    for (const typo of SAMPLE_TYPOS) assert.ok(words.includes(typo), `${typo} flagged (got ${words.join(', ')})`);
    for (const name of NAMES) assert.ok(!words.includes(name), `${name} not flagged`);
    const ammend = spelling(document.uri).find((d) => document.getText(d.range) === 'ammend')!;
    assert.equal(ammend.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(ammend.message, "Unknown word 'ammend' — did you mean 'amend'?");
    assert.equal(ammend.range.start.line, 4);
  });

  it("offers the quick fixes at 'ammend': Change to (best first, preferred), the dictionaries, ignore in file", async () => {
    const document = await openSample();
    const ammend = spelling(document.uri).find((d) => document.getText(d.range) === 'ammend')!;
    const actions = await quickFixes(document.uri, ammend.range);
    const titles = actions.map((a) => a.title);
    const changes = actions.filter((a) => a.title.startsWith('Change to'));
    assert.ok(changes.length >= 2 && changes.length <= 5, titles.join(' | '));
    assert.equal(changes[0]!.title, "Change to 'amend'");
    assert.equal(changes[0]!.isPreferred, true);
    assert.ok(changes.slice(1).every((a) => !a.isPreferred));
    assert.ok(titles.includes("Add 'ammend' to workspace dictionary (.conference-notes.json)"), titles.join(' | '));
    assert.ok(titles.includes("Add 'ammend' to user dictionary (setting conferenceNotes.spelling.words)"), titles.join(' | '));
    assert.ok(titles.includes("Ignore 'ammend' in this file (<!-- spelling: ignore --> comment)"), titles.join(' | '));
    // Case follows the word, and contractions are suggested.
    const martics = spelling(document.uri).find((d) => document.getText(d.range) === 'Martics')!;
    assert.ok((await quickFixes(document.uri, martics.range)).some((a) => a.title === "Change to 'Metrics'"));
    const dont = spelling(document.uri).find((d) => document.getText(d.range) === 'dont')!;
    assert.equal((await quickFixes(document.uri, dont.range)).find((a) => a.isPreferred)?.title, "Change to 'don't'");
  });

  it('applies a Change to fix, and the diagnostic goes away', async () => {
    const editor = await openCopy(await sampleText());
    const uri = editor.document.uri;
    const ammend = spelling(uri).find((d) => editor.document.getText(d.range) === 'ammend')!;
    const fix = (await quickFixes(uri, ammend.range)).find((a) => a.title === "Change to 'amend'");
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.lineAt(4).text, /happy to amend the notes/);
    await waitFor('ammend to disappear', () => !flagged(editor.document).includes('ammend') && flagged(editor.document).includes('breifs'));
  });

  it('ignores a word in this file with a comment the file keeps', async () => {
    const editor = await openCopy(await sampleText());
    const uri = editor.document.uri;
    const outlyers = spelling(uri).find((d) => editor.document.getText(d.range) === 'outlyers')!;
    const ignore = (await quickFixes(uri, outlyers.range)).find((a) => a.title.startsWith("Ignore 'outlyers' in this file"));
    assert.ok(ignore?.edit);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.match(editor.document.getText(), /<!-- spelling: ignore outlyers -->\n$/);
    await waitFor('outlyers to disappear', () => !flagged(editor.document).includes('outlyers') && flagged(editor.document).includes('ammend'));
  });

  it('adds a word to the workspace dictionary: the diagnostic goes at once, and the word stays known after a reload', async () => {
    await removeConfig();
    let document = await openSample();
    assert.ok(flagged(document).includes('creeking'));
    const diagnostic = spelling(document.uri).find((d) => document.getText(d.range) === 'creeking')!;
    const add = (await quickFixes(document.uri, diagnostic.range)).find((a) => a.title === "Add 'creeking' to workspace dictionary (.conference-notes.json)");
    assert.ok(add?.command, 'the add action');
    await vscode.commands.executeCommand(add.command.command, ...(add.command.arguments ?? []));
    await waitFor('creeking to disappear', () => !flagged(document).includes('creeking') && flagged(document).includes('ammend'), 15000);
    const saved = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(configUri()))) as { words: string[] };
    assert.deepEqual(saved.words, ['creeking']);

    // Reload: close the document and open it again; the word is read back from the file.
    await revertAndCloseAll();
    document = await openSample();
    assert.ok(!flagged(document).includes('creeking'));
    // A word written to the file by hand (as after a restart, when only the file remembers) is known too.
    await vscode.workspace.fs.writeFile(configUri(), new TextEncoder().encode(JSON.stringify({ words: ['creeking', 'outlyers'] })));
    await waitFor('outlyers known from the file', () => !flagged(document).includes('outlyers') && flagged(document).includes('ammend'));
    await removeConfig();
  });

  it('adds a word to the user dictionary setting', async () => {
    const document = await openSample();
    const diagnostic = spelling(document.uri).find((d) => document.getText(d.range) === 'joinign')!;
    const word = document.getText(diagnostic.range);
    const add = (await quickFixes(document.uri, diagnostic.range)).find((a) => a.title.startsWith(`Add '${word}' to user dictionary`));
    assert.ok(add?.command);
    await vscode.commands.executeCommand(add.command.command, ...(add.command.arguments ?? []));
    await waitFor(`${word} to disappear`, () => !flagged(document).includes(word) && flagged(document).includes('ammend'), 15000);
    const words = vscode.workspace.getConfiguration('conferenceNotes').inspect<string[]>('spelling.words')?.globalValue;
    assert.ok(words?.includes(word), JSON.stringify(words));
  });

  it('follows conferenceNotes.spelling.locale: en-GB knows behaviour, Authorisation, analyse', async () => {
    // The sample writes British spellings: set en-US explicitly (else its own spellings choose en-GB).
    await vscode.workspace.getConfiguration('conferenceNotes').update('spelling.locale', 'en-US', vscode.ConfigurationTarget.Workspace);
    const document = await openSample();
    await waitFor('American spellings', () => flagged(document).includes('behaviour'));
    for (const w of ['behaviour', 'Authorisation', 'analyse']) assert.ok(flagged(document).includes(w), `en-US flags ${w}`);
    await vscode.workspace.getConfiguration('conferenceNotes').update('spelling.locale', 'en-GB', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('British spellings accepted', () => {
        const words = flagged(document);
        return ['behaviour', 'Authorisation', 'analyse'].every((w) => !words.includes(w)) && words.includes('ammend');
      });
    } finally {
      await vscode.workspace.getConfiguration('conferenceNotes').update('spelling.locale', 'en-US', vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('American spellings again', () => flagged(document).includes('behaviour'));
    await vscode.workspace.getConfiguration('conferenceNotes').update('spelling.locale', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('Add All Unknown Words in File to Workspace Dictionary clears the spelling diagnostics of the file', async () => {
    await removeConfig();
    const editor = await openCopy(await sampleText());
    const count = await vscode.commands.executeCommand<number>('conferenceNotes.spelling.addAllUnknownWordsToWorkspaceDictionary');
    assert.ok(count > 20, String(count));
    await waitFor('no spelling diagnostics left', () => spelling(editor.document.uri).length === 0, 15000);
    const saved = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(configUri()))) as { words: string[] };
    assert.ok(saved.words.includes('ammend') && saved.words.includes('outlyers'));
    await removeConfig();
  });
});
