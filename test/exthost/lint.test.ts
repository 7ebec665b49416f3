// Lint diagnostics and quick fixes inside a real extension host: the sample's diagnostics by rule and line,
// the code actions offered at a finding, applying one, fix-all, the config file, and nothing on the README.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE, statusBar, codeActions, ourDiagnostics as ours, revertAndCloseAll, ruleOf, sampleText, show, showCopy, structureDiagnostics as structure, waitForUpTo, workspaceFile } from './helpers';

const waitFor = waitForUpTo(30000);

/** Rule id → 1-based lines, as the Problems panel shows them. */
function byRule(diagnostics: vscode.Diagnostic[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const d of diagnostics) (out[ruleOf(d)] ??= []).push(d.range.start.line + 1);
  for (const lines of Object.values(out)) lines.sort((a, b) => a - b);
  return out;
}

const EXPECTED_SAMPLE = {
  'repeated-word': [22, 135],
  'field-heading-level': [33, 35],
  'speaker-name-mismatch': [58, 169],
  'link-without-scheme': [116, 117, 118],
  'empty-talk': [173, 180, 187, 194, 201, 208],
  mojibake: [180],
};

/** The sample, shown in an editor, once its 16 structure diagnostics are in. */
async function openSample(): Promise<{ document: vscode.TextDocument; diagnostics: vscode.Diagnostic[] }> {
  const { document } = await show(SAMPLE);
  const diagnostics = await waitFor('the sample diagnostics', () => {
    const d = structure(document.uri);
    return d.length === 16 ? d : undefined;
  });
  return { document, diagnostics };
}

/** An untitled copy of some notes, shown in an editor, once its diagnostics are in. */
async function openCopy(text: string): Promise<vscode.TextEditor> {
  const editor = await showCopy(text);
  await waitFor('diagnostics of the copy', () => structure(editor.document.uri).length > 0);
  return editor;
}

describe('Lint diagnostics and quick fixes', function () {
  this.timeout(90000);
  afterEach(revertAndCloseAll);

  it('reports the sample by rule and line, with source and a README link per rule', async () => {
    const { diagnostics } = await openSample();
    assert.deepEqual(byRule(diagnostics), EXPECTED_SAMPLE);
    const level = diagnostics.find((d) => ruleOf(d) === 'field-heading-level')!;
    assert.equal(level.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(diagnostics.find((d) => ruleOf(d) === 'empty-talk')!.severity, vscode.DiagnosticSeverity.Hint);
    const code = level.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.fragment, 'field-heading-level');
    assert.ok(code.target.path.endsWith('/README.md'), code.target.toString());
  });

  it("shows a small file's diagnostics at once when it opens, not in stages", async () => {
    // Every change of an editor's diagnostics redraws its squiggles and restarts a quick fix request in flight:
    // a file of a few hundred lines is linted in well under a second, so it is published once, complete.
    const counts = new Map<string, number[]>();
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      for (const uri of e.uris) {
        const n = ours(uri).length;
        const seen = counts.get(uri.toString()) ?? [];
        if (n > 0 && seen.at(-1) !== n) seen.push(n);
        counts.set(uri.toString(), seen);
      }
    });
    try {
      const editor = await showCopy(await sampleText());
      const uri = editor.document.uri;
      await waitFor('the spelling diagnostics of the copy', () => structure(uri).length === 16 && ours(uri).length > 16);
      // A later stage, if there were one, would come within this second.
      await new Promise((r) => setTimeout(r, 1000));
      assert.deepEqual(counts.get(uri.toString()), [ours(uri).length]);
    } finally {
      sub.dispose();
    }
  });

  it('sets the diagnostics again only when an edit changes them', async () => {
    const editor = await showCopy(await sampleText());
    const uri = editor.document.uri;
    await waitFor('the spelling diagnostics of the copy', () => structure(uri).length === 16 && ours(uri).length > 16);
    await new Promise((r) => setTimeout(r, 1000));
    // The extension host hands out the objects the extension set: new objects mean the diagnostics were set again
    // (other extensions' events for the same file, e.g. the Markdown extension's at every edit, do not count).
    let shown = ours(uri);
    assert.equal(ours(uri)[0], shown[0], 'the same objects while nothing is set');
    let sets = 0;
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const now = ours(uri);
      if (now.length !== shown.length || now.some((d, i) => d !== shown[i])) sets++;
      shown = now;
    });
    try {
      // Words after the last finding of line 5: the line is checked again, and every finding comes out the same.
      const end = editor.document.lineAt(4).range.end;
      assert.ok(await editor.edit((b) => b.insert(end, ' Thanks.')));
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(sets, 0, 'an edit that changes no finding sets nothing');
      // An edit that adds a finding sets them once.
      const before = structure(uri).length;
      assert.ok(await editor.edit((b) => b.insert(end, ' Some some.')));
      await waitFor('the repeated word', () => structure(uri).length === before + 1);
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(sets, 1);
    } finally {
      sub.dispose();
    }
  });

  it('offers the fixes of a finding as quick fixes, one preferred, and no fix-all in the light bulb', async () => {
    const { document } = await show(SAMPLE);
    const diagnostic = await waitFor('the level finding', () => structure(document.uri).find((d) => ruleOf(d) === 'field-heading-level'));
    // The command returns actions without their diagnostics: the quick fixes at this range are ours.
    const actions = await codeActions(document.uri, diagnostic.range);
    const quickFixes = actions.filter((a) => a.kind?.value === 'quickfix');
    assert.deepEqual(quickFixes.map((a) => [a.title, a.isPreferred]), [['Change to level 4 (####)', true]]);
    assert.ok(!actions.some((a) => a.kind?.value.startsWith('source.fixAll')));
    // On Ronan: the speaker's spelling, preferred but not applied by fix-all.
    const ronan = structure(document.uri).find((d) => ruleOf(d) === 'speaker-name-mismatch')!;
    const ronanFixes = (await codeActions(document.uri, ronan.range)).filter((a) => a.kind?.value === 'quickfix');
    assert.deepEqual(ronanFixes.map((a) => [a.title, a.isPreferred]), [["Change to 'Ronen'", true]]);
  });

  it('applies a quick fix through executeCodeActionProvider + applyEdit, and the finding goes away', async () => {
    const editor = await openCopy(await sampleText());
    const uri = editor.document.uri;
    const diagnostic = structure(uri).find((d) => ruleOf(d) === 'field-heading-level' && d.range.start.line === 32)!;
    const action = (await codeActions(uri, diagnostic.range)).find((a) => a.title === 'Change to level 4 (####)');
    assert.ok(action?.edit, 'the quick fix');
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    assert.equal(editor.document.lineAt(32).text, '#### Software Engineer');
    await waitFor('the fixed finding to disappear', () => byRule(structure(uri))['field-heading-level']?.join() === '35');
  });

  it('inserts a missing speaker heading in the document layout, with the name as a snippet placeholder', async () => {
    const lines = (await sampleText()).split('\n');
    lines.splice(13, 1); // `### Daniel Larsen`
    const editor = await openCopy(lines.join('\n'));
    const uri = editor.document.uri;
    const diagnostic = await waitFor('missing-speaker', () => structure(uri).find((d) => ruleOf(d) === 'missing-speaker'));
    assert.equal(diagnostic.range.start.line, 12);
    const action = (await codeActions(uri, diagnostic.range)).find((a) => a.kind?.value === 'quickfix' && a.title.startsWith('Insert speaker'));
    assert.ok(action?.edit, 'an insert action');
    assert.equal(action.title, 'Insert speaker heading (### Speaker name)');
    assert.equal(action.isPreferred, true);
    editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    const text = editor.document.getText().split('\n').slice(12, 17).join('\n');
    assert.match(text, /^## Cloud-scale: Lessons from the field\n\n### Speaker name\n\n#### Senior Premier Field Engineer$/);
    // Applied as a snippet in the active editor: the placeholder is selected, ready to type the name.
    assert.equal(editor.document.getText(editor.selection), 'Speaker name');
    await waitFor('missing-speaker to disappear', () => !structure(uri).some((d) => ruleOf(d) === 'missing-speaker'));
  });

  it('offers source.fixAll.conferenceNotes on request, and Fix All in File applies every safe fix as one undoable edit', async () => {
    const original = await sampleText();
    const editor = await openCopy(original);
    const uri = editor.document.uri;
    const fixAll = await codeActions(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.conferenceNotes');
    assert.equal(fixAll.length, 1, fixAll.map((a) => a.title).join(' | '));
    assert.equal(fixAll[0]!.kind?.value, 'source.fixAll.conferenceNotes');

    await vscode.commands.executeCommand('conferenceNotes.fixAllInFile');
    const text = editor.document.getText();
    const lines = text.split('\n');
    assert.equal(lines[32], '#### Software Engineer');
    assert.equal(lines[115], '[spiffe](https://spiffe.io)');
    assert.match(lines[179]!, /building a “serverless" API/);
    assert.doesNotMatch(text, /some some|tend to use tend to use/);
    // Not safe, so left for the person: the speaker-name near misses.
    assert.match(text, /Ronan put his faith/);
    await waitFor('only unsafe findings left', () => {
      const rules = Object.keys(byRule(structure(uri))).sort().join();
      return rules === 'empty-talk,speaker-name-mismatch';
    });
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
  });

  it('keeps up with fast typing: the diagnostics end up matching the last version', async () => {
    const editor = await openCopy(await sampleText());
    const uri = editor.document.uri;
    for (let i = 0; i < 6; i++) {
      await editor.edit((b) => b.insert(new vscode.Position(20, 0), `Typed line ${i} had some some words.\n`));
    }
    await waitFor('8 repeated-word findings', () => byRule(structure(uri))['repeated-word']?.length === 8);
    const expected = editor.document.getText().split('\n').flatMap((line, n) => (/(tend to use tend to use|some some)/.test(line) ? [n + 1] : []));
    assert.deepEqual(byRule(structure(uri))['repeated-word'], expected);
    assert.deepEqual(byRule(structure(uri))['field-heading-level'], [39, 41]);
  });

  it('survives a crash of the language server: the client starts it again, with every edit typed meanwhile', async function () {
    // A web worker server has no process to kill; the desktop's is a Node process.
    const editor = await openCopy(await sampleText());
    const uri = editor.document.uri;
    const pid = await vscode.commands.executeCommand<number | undefined>('conferenceNotes.internal.serverProcessId');
    if (pid === undefined) this.skip();
    process.kill(pid!, 'SIGKILL');
    // Typed while the server is down: nothing of it is lost, and the new server lints it.
    await editor.edit((b) => b.insert(new vscode.Position(20, 0), 'Typed while it was down, with with a repeat.\n'));
    await editor.edit((b) => b.insert(new vscode.Position(21, 0), 'And a second line line.\n'));
    const restarted = await waitFor('a new server process', async () => {
      const now = await vscode.commands.executeCommand<number | undefined>('conferenceNotes.internal.serverProcessId');
      return now !== undefined && now !== pid ? now : undefined;
    });
    assert.notEqual(restarted, pid);
    await waitFor('the repeats typed meanwhile, linted by the new server', () => {
      const lines = byRule(structure(uri))['repeated-word'];
      return lines?.includes(21) && lines.includes(22) ? true : undefined;
    });
    assert.match(editor.document.getText(), /Typed while it was down, with with a repeat\.\nAnd a second line line\.\n/);
    // The views' model is the new server's, of the current text.
    const model = await vscode.commands.executeCommand<{ version: number; doc: { talks: unknown[]; lineCount: number } } | undefined>('conferenceNotes.internal.notesModel', uri, { ready: true });
    assert.equal(model?.version, editor.document.version);
    assert.equal(model?.doc.talks.length, 13);
    assert.equal(model?.doc.lineCount, editor.document.lineCount);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('fixes on save with editor.codeActionsOnSave source.fixAll.conferenceNotes', async () => {
    const file = workspaceFile('fix-on-save.md');
    const markdown = vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(await sampleText()));
    try {
      await markdown.update('codeActionsOnSave', { 'source.fixAll.conferenceNotes': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
      const document = await vscode.workspace.openTextDocument(file);
      const editor = await vscode.window.showTextDocument(document);
      await waitFor('diagnostics', () => structure(file).length > 0);
      await editor.edit((b) => b.insert(new vscode.Position(0, document.lineAt(0).text.length), ' '));
      await document.save();
      const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      assert.equal(saved.split('\n')[32], '#### Software Engineer');
      assert.equal(saved.split('\n')[115], '[spiffe](https://spiffe.io)');
    } finally {
      await markdown.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(file);
    }
  });

  it('follows .conference-notes.json at the workspace root', async () => {
    const config = workspaceFile('.conference-notes.json');
    const { document } = await openSample();
    try {
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{ "rules": { "empty-talk": "off", "mojibake": "error" } }'));
      const diagnostics = await waitFor('the config to apply', () => {
        const d = structure(document.uri);
        return d.length === 10 ? d : undefined;
      });
      assert.ok(!diagnostics.some((d) => ruleOf(d) === 'empty-talk'));
      assert.equal(diagnostics.find((d) => ruleOf(d) === 'mojibake')!.severity, vscode.DiagnosticSeverity.Error);
      // An invalid file: a warning is shown and the settings alone apply.
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{ "rules": { "empty-talks": "off" } }'));
      await waitFor('the settings alone', () => structure(document.uri).length === 16);
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await waitFor('the defaults again', () => structure(document.uri).length === 16);
  });

  it('follows the conferenceNotes.rules.<id> settings', async () => {
    const { document } = await openSample();
    const settings = vscode.workspace.getConfiguration('conferenceNotes');
    try {
      await settings.update('rules.link-without-scheme', 'off', vscode.ConfigurationTarget.Workspace);
      await settings.update('rules.repeated-word', 'error', vscode.ConfigurationTarget.Workspace);
      const diagnostics = await waitFor('the settings to apply', () => {
        const d = structure(document.uri);
        const repeated = d.filter((x) => ruleOf(x) === 'repeated-word');
        return d.length === 13 && repeated.every((x) => x.severity === vscode.DiagnosticSeverity.Error) ? d : undefined;
      });
      assert.ok(!diagnostics.some((d) => ruleOf(d) === 'link-without-scheme'));
      assert.deepEqual(diagnostics.filter((d) => ruleOf(d) === 'repeated-word').map((d) => d.severity), [vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Error]);
    } finally {
      await settings.update('rules.link-without-scheme', undefined, vscode.ConfigurationTarget.Workspace);
      await settings.update('rules.repeated-word', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the defaults again', () => structure(document.uri).length === 16);
  });

  it('lints no file over conferenceNotes.lint.maxFileSizeMB, keeps its talks, and lints it again under the limit', async () => {
    const { document } = await openSample();
    await waitFor('the sample linted', () => structure(document.uri).length === 16);
    const settings = vscode.workspace.getConfiguration('conferenceNotes');
    try {
      // The sample is 9 KB: over a 5 KB limit.
      await settings.update('lint.maxFileSizeMB', 0.005, vscode.ConfigurationTarget.Workspace);
      await waitFor('no diagnostics over the limit', () => ours(document.uri).length === 0);
      assert.match((await statusBar()).text, /13 talks/, 'the talks stay');
    } finally {
      await settings.update('lint.maxFileSizeMB', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the diagnostics again under the default limit', () => structure(document.uri).length === 16);
  });

  it('puts nothing on the README, and clears a document that stops being notes', async () => {
    const { document: readme } = await show('README.md');
    const { document: sample } = await show(SAMPLE, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    await waitFor('the sample diagnostics', () => structure(sample.uri).length > 0);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(ours(readme.uri), []);

    const editor = await openCopy(await sampleText());
    // Replace the talks with a README's sections: no talk carried by a person, software-docs headings: not notes.
    const start = editor.document.lineAt(2).range.start;
    await editor.edit((b) => b.replace(new vscode.Range(start, editor.document.lineAt(editor.document.lineCount - 1).range.end), '## Install\n\nnpm i scaleconf\n\n## Usage\n\nRun it.\n'));
    await waitFor('diagnostics cleared', () => ours(editor.document.uri).length === 0);
  });
});
