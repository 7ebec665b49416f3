// The Talks tree, Go to Talk, talk navigation and workspace symbols inside a real extension host.
// The tree's items come from the view's own provider through the test-support command
// `conferenceNotes.internal.talksTree` (what the view shows: labels, descriptions, icons, selection).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TalkItemState } from '../../src/vscode/talksView';
import type { TalkPickItemState } from '../../src/vscode/goToTalk';
import { parseNotes, type NotesDocument } from '../../src/core';
import { ourExtension, show, talksTree as tree, waitFor } from './helpers';

const extensionUri = (): vscode.Uri => ourExtension().extensionUri;
const sampleUri = (): vscode.Uri => vscode.Uri.joinPath(extensionUri(), 'samples', 'scaleconf-2017.md');
const FIXTURES = ['devopsdays-wellington-2018.md', 'kiwicon-2019.md', 'webstock-2019.md'];
/** The repository: the development extension's folder, or CN_REPO_ROOT when the suite runs against the installed .vsix. */
const repoUri = (): vscode.Uri => (process.env.CN_REPO_ROOT ? vscode.Uri.file(process.env.CN_REPO_ROOT) : extensionUri());
const fixtureUris = (): vscode.Uri[] => FIXTURES.map((f) => vscode.Uri.joinPath(repoUri(), 'test', 'fixtures', 'talks', f));

async function openSample(): Promise<vscode.TextEditor> {
  const editor = await show(sampleUri());
  await waitFor('the sample in the tree', async () => {
    const t = await tree();
    return t.mode === 'file' && t.items.length === 13 && t.description === 'scaleconf-2017.md' ? t : undefined;
  });
  return editor;
}

/** Groups restricted to talks from the given files (the workspace holds other notes too). */
function fixtureGroups(items: TalkItemState[], keys = new Set(fixtureUris().map((u) => u.toString()))): Array<{ label: string; talks: string[] }> {
  return items
    .map((g) => ({
      label: g.label,
      talks: (g.children ?? []).filter((c) => keys.has(String(c.command?.arguments[0]))).map((c) => c.label),
    }))
    .filter((g) => g.talks.length > 0);
}

describe('Talks tree', function () {
  this.timeout(30000);

  before(async () => {
    await vscode.commands.executeCommand('conferenceNotes.talks.showFile');
    await vscode.commands.executeCommand('conferenceNotes.clearTalksFilter');
  });

  afterEach(async () => {
    // A failed test must not leave the next one in workspace mode or filtered.
    await vscode.commands.executeCommand('conferenceNotes.talks.showFile');
    await vscode.commands.executeCommand('conferenceNotes.clearTalksFilter');
  });

  after(async () => {
    await vscode.commands.executeCommand('conferenceNotes.talks.showFile');
    await vscode.commands.executeCommand('conferenceNotes.clearTalksFilter');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists the 13 talks of the sample in order, with speaker · company, icons and tooltips', async () => {
    await openSample();
    const { items } = await tree();
    assert.deepEqual(
      items.slice(0, 4).map((i) => [i.label, i.description]),
      [
        ['Cloud-scale: Lessons from the field', 'Daniel Larsen · Microsoft NZ'],
        ['Automating Migrations at Scale', 'Sarah Dapul-Weberman · Pinterest'],
        ['Databases and Containers', 'Ronen Baram · Oracle'],
        ['Planning your automation from scratch, what not to bring from your Word document!', 'Vanessa Love · Octopus Deploy'],
      ],
    );
    assert.deepEqual(items.at(-1) && [items.at(-1)!.label, items.at(-1)!.description], [
      'The Art of Coding a Conversation: Designing Bots',
      'Vishesh Oberoi · Microsoft NZ',
    ]);
    assert.ok(!items.some((i) => i.label === 'Intro' || i.label === 'Disclaimer'), 'sections are not rows');
    // The last six talks have no notes; the others are complete or have problems.
    assert.deepEqual(items.slice(7).map((i) => i.icon), Array(6).fill('circle-large-outline'));
    for (const i of items.slice(0, 7)) assert.ok(['pass', 'warning'].includes(i.icon), `${i.label}: ${i.icon}`);
    const databases = items[2]!;
    assert.match(databases.tooltip, /Databases and Containers/);
    assert.match(databases.tooltip, /Speaker: Ronen Baram/);
    assert.match(databases.tooltip, /Role: MySQL Principal Consultant/);
    assert.match(databases.tooltip, /Company: Oracle/);
    assert.match(databases.tooltip, /Notes: \d{2,} words/);
    assert.match(databases.tooltip, /Problems: \d+/);
  });

  it('shows the lint problems of a talk in its icon and tooltip, as they arrive', async () => {
    const editor = await openSample();
    const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'conference-notes');
    const talkLines = (await tree()).items.map((i) => Number(i.command?.arguments[1]));
    // A diagnostic inside one of the first seven talks (the ones with notes).
    const diagnostic = await waitFor(
      'a lint diagnostic inside a talk',
      () => ours().find((d) => d.range.start.line >= talkLines[0]! && d.range.start.line < talkLines[7]!),
      20000,
    );
    const owner = talkLines.filter((l) => l <= diagnostic.range.start.line).length - 1;
    const item = await waitFor(`talk ${owner} with the warning icon`, async () => {
      const i = (await tree()).items[owner];
      return i?.icon === 'warning' ? i : undefined;
    });
    assert.match(item.tooltip, /Problems: [1-9]/, item.label);
  });

  it('reveals a talk: heading at the top of the viewport, cursor on the title', async () => {
    const editor = await openSample();
    const databases = (await tree()).items.find((i) => i.label === 'Databases and Containers')!;
    assert.equal(databases.command?.command, 'conferenceNotes.revealTalk');
    await vscode.commands.executeCommand(databases.command.command, ...databases.command.arguments);
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), editor.document.uri.toString());
    assert.deepEqual([active.selection.active.line, active.selection.active.character], [48, 3]);
    // At the top, below the sticky-scroll headings VS Code keeps clear (a few wrapped lines at most).
    const top = await waitFor('the heading near the top', () => {
      const start = active.visibleRanges[0]?.start.line;
      return start !== undefined && start >= 40 && start <= 48 ? start : undefined;
    });
    assert.ok(top <= 48);
  });

  it('follows the cursor, selecting the talk under it', async () => {
    const editor = await openSample();
    await vscode.commands.executeCommand('conferenceNotes.talks.focus');
    await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
    const iam = (await tree()).items.find((i) => i.label === 'IAM at Scale and on Hybrid')!;
    editor.selection = new vscode.Selection(100, 0, 100, 0);
    await waitFor('IAM selected', async () => ((await tree()).selection[0] === iam.id ? true : undefined));
    const timely = (await tree()).items.find((i) => i.label.startsWith('Scaling for growth'))!;
    editor.selection = new vscode.Selection(175, 2, 175, 2);
    await waitFor('Timely talk selected', async () => ((await tree()).selection[0] === timely.id ? true : undefined));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());

    // Off: the selection stays where it was.
    const config = vscode.workspace.getConfiguration('conferenceNotes');
    await config.update('talks.followCursor', false, vscode.ConfigurationTarget.Workspace);
    try {
      editor.selection = new vscode.Selection(100, 0, 100, 0);
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual((await tree()).selection, [timely.id]);
    } finally {
      await config.update('talks.followCursor', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('updates as the user types, keeping the selection', async () => {
    await vscode.commands.executeCommand('conferenceNotes.openSample');
    const editor = await waitFor('the sample copy', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.isUntitled && e.document.lineCount > 200 ? e : undefined;
    });
    await vscode.commands.executeCommand('conferenceNotes.talks.focus');
    await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
    const databasesId = await waitFor('the copy\'s Databases row', async () => {
      const t = await tree();
      return /^Untitled/.test(t.description ?? '') ? t.items.find((i) => i.label === 'Databases and Containers')?.id : undefined;
    });
    editor.selection = new vscode.Selection(57, 0, 57, 0);
    await waitFor('Databases selected', async () => ((await tree()).selection[0] === databasesId ? true : undefined));
    // Type a line of notes above the talk (rows below move down) and a word into its notes.
    await editor.edit((e) => e.insert(new vscode.Position(40, 0), 'A new line of notes.\n'));
    await editor.edit((e) => e.insert(new vscode.Position(58, 0), 'More words here. '));
    const t = await waitFor('the edit in the tree', async () => {
      const s = await tree();
      const row = s.items.find((i) => i.id === databasesId);
      return row && /Notes: 174 words/.test(row.tooltip) ? s : undefined;
    });
    assert.equal(t.items.length, 13);
    assert.deepEqual(t.selection, [databasesId], 'the selection stays on the edited talk');
    // Two words more on the same line, the model now of the version before: the host reads only the line the change
    // touched (and the tree, whose shape stayed, freshens its rows when read).
    await editor.edit((e) => e.insert(new vscode.Position(58, 0), 'Two more. '));
    await waitFor('the second edit in the tree', async () => {
      const row = (await tree()).items.find((i) => i.id === databasesId);
      return row && /Notes: 176 words/.test(row.tooltip) ? true : undefined;
    });
    const databases = t.items.find((i) => i.id === databasesId)!;
    await vscode.commands.executeCommand(databases.command!.command, ...databases.command!.arguments);
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, 49, 'the row reveals the moved heading');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it("keeps the server's model of every edit: the host's copy equals a parse of the text", async () => {
    await vscode.commands.executeCommand('conferenceNotes.openSample');
    const editor = await waitFor('the sample copy', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.isUntitled && e.document.lineCount > 200 ? e : undefined;
    });
    const document = editor.document;
    type Held = { version: number; isNotes: boolean; doc: NotesDocument } | undefined;
    const held = (ready = false): Thenable<Held> => vscode.commands.executeCommand<Held>('conferenceNotes.internal.notesModel', document.uri, { ready });
    const wire = (doc: NotesDocument): NotesDocument => JSON.parse(JSON.stringify(doc)) as NotesDocument;
    /** Waits for the model the server sends after the typing pause (not asked for), and compares it with a parse. */
    const expectCopy = async (what: string): Promise<NotesDocument> => {
      const got = await waitFor(`the model after ${what}`, async () => {
        const h = await held();
        return h && h.version === document.version ? h : undefined;
      });
      assert.deepEqual(got.doc, wire(parseNotes(document.getText())), what);
      return got.doc;
    };
    assert.equal((await expectCopy('opening')).talks.length, 13);
    // Lines added above a talk (the talks below move), a word typed into notes, a talk deleted, a new talk added.
    await editor.edit((e) => e.insert(new vscode.Position(20, 0), 'A new line of notes.\nAnd another.\n'));
    await expectCopy('two lines added');
    await editor.edit((e) => e.insert(new vscode.Position(60, 0), 'Words. '));
    await expectCopy('a word typed');
    const doc = parseNotes(document.getText());
    const third = doc.talks[3]!;
    await editor.edit((e) => e.delete(new vscode.Range(third.range.start.line, 0, doc.talks[4]!.range.start.line, 0)));
    assert.equal((await expectCopy('a talk deleted')).talks.length, 12);
    await editor.edit((e) => e.insert(new vscode.Position(document.lineCount, 0), '\n## A new talk\n### Grace Hopper\n\nNotes.\n'));
    assert.equal((await expectCopy('a talk added at the end')).talks.length, 13);
    // Several edits in a row, without a pause: one model for the last of them.
    for (let i = 0; i < 5; i++) await editor.edit((e) => e.insert(new vscode.Position(30 + i, 0), `Line ${i}.\n`));
    await expectCopy('five quick edits');
    // A command asks for the current version at once.
    await editor.edit((e) => e.insert(new vscode.Position(10, 0), '## Inserted talk\n\n'));
    const now = await held(true);
    assert.equal(now?.version, document.version, 'ready() gives the current version');
    assert.deepEqual(now?.doc, wire(parseNotes(document.getText())));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('filters by title, speaker and company, says so, and clears', async () => {
    await openSample();
    await vscode.commands.executeCommand('conferenceNotes.filterTalks', 'octopus');
    let t = await tree();
    assert.deepEqual(t.items.map((i) => i.label), [
      'Planning your automation from scratch, what not to bring from your Word document!',
      'Designing interfaces that don\'t suck when your customers scale!',
    ]);
    assert.match(t.description ?? '', /filtered/);
    assert.match(t.message ?? '', /octopus.*2 of 13/);
    await vscode.commands.executeCommand('conferenceNotes.clearTalksFilter');
    t = await tree();
    assert.equal(t.items.length, 13);
    assert.equal(t.message, undefined);
  });

  it('groups the workspace by conference, speaker and company, from files on disk', async () => {
    // Copied into the workspace, so the index finds them through its file watcher, unopened.
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests need a workspace folder');
    const target = vscode.Uri.joinPath(folder.uri, 'talks-fixture');
    await vscode.commands.executeCommand('conferenceNotes.talks.showWorkspace');
    for (const uri of fixtureUris()) {
      await vscode.workspace.fs.copy(uri, vscode.Uri.joinPath(target, uri.path.split('/').pop()!), { overwrite: true });
    }
    const copies = new Set(FIXTURES.map((f) => vscode.Uri.joinPath(target, f).toString()));
    const onDisk = (items: TalkItemState[]): ReturnType<typeof fixtureGroups> => fixtureGroups(items, copies);
    const byConference = await waitFor('three fixture conferences', async () => {
      const groups = onDisk((await tree()).items);
      return groups.length === 3 ? groups : undefined;
    });
    assert.deepEqual(byConference, [
      { label: 'DevOpsDays Wellington 2018', talks: ['Observability for everyone', 'Chaos engineering on a budget'] },
      { label: 'Kiwicon 2019', talks: ['MySQL at the edge', 'Deploys without fear'] },
      { label: 'Webstock 2019', talks: ['Design systems at scale', 'Writing for the web'] },
    ]);
    assert.match((await tree()).description ?? '', /^Workspace/);

    await vscode.commands.executeCommand('conferenceNotes.talks.groupBySpeaker');
    let t = await tree();
    assert.equal(t.groupBy, 'speaker');
    assert.deepEqual(onDisk(t.items), [
      { label: 'Ana Lima', talks: ['Writing for the web'] },
      { label: 'Rob Pearson', talks: ['Design systems at scale'] },
      { label: 'Ronen Baram', talks: ['Observability for everyone', 'MySQL at the edge'] },
      { label: 'Sophie Tanner', talks: ['Chaos engineering on a budget'] },
      { label: 'Vanessa Love', talks: ['Deploys without fear'] },
    ]);
    const ronen = t.items.find((g) => g.label === 'Ronen Baram')!;
    assert.match(ronen.description, /at [23] conferences/);
    assert.equal(ronen.children?.find((c) => c.label === 'MySQL at the edge')?.description, 'Kiwicon 2019 · Oracle');

    await vscode.commands.executeCommand('conferenceNotes.talks.groupByCompany');
    t = await tree();
    assert.deepEqual(onDisk(t.items), [
      { label: 'Datacom', talks: ['Chaos engineering on a budget'] },
      { label: 'Octopus Deploy', talks: ['Deploys without fear', 'Design systems at scale'] },
      { label: 'Oracle', talks: ['Observability for everyone', 'MySQL at the edge'] },
      { label: 'Xero', talks: ['Writing for the web'] },
    ]);
    await vscode.commands.executeCommand('conferenceNotes.talks.groupByConference');
    await vscode.workspace.fs.delete(target, { recursive: true });
    await waitFor('deleted files gone from the tree', async () => (onDisk((await tree()).items).length === 0 ? true : undefined));
    await vscode.commands.executeCommand('conferenceNotes.talks.showFile');
  });

  it('offers every talk in Go to Talk, for the file and for the workspace', async () => {
    await openSample();
    const items = (await vscode.commands.executeCommand<TalkPickItemState[]>('conferenceNotes.internal.goToTalkItems', 'file'))!;
    assert.equal(items.length, 13);
    assert.deepEqual([items[2]!.label, items[2]!.description, items[2]!.line], ['Databases and Containers', 'Ronen Baram · Oracle', 48]);
    for (const uri of fixtureUris()) await vscode.workspace.openTextDocument(uri);
    const all = (await vscode.commands.executeCommand<TalkPickItemState[]>('conferenceNotes.internal.goToTalkItems', 'workspace'))!;
    const separators = all.filter((i) => i.kind === 'separator').map((i) => i.label);
    for (const c of ['Scaleconf 2017', 'DevOpsDays Wellington 2018', 'Kiwicon 2019', 'Webstock 2019']) assert.ok(separators.includes(c), c);
    const mysql = all.find((i) => i.label === 'MySQL at the edge')!;
    assert.equal(mysql.description, 'Ronen Baram · Oracle');
    assert.match(mysql.detail ?? '', /^Kiwicon 2019 — .*kiwicon-2019\.md:9$/);
  });

  it('finds talks and speakers with workspace symbols', async () => {
    for (const uri of fixtureUris()) await vscode.workspace.openTextDocument(uri);
    await vscode.workspace.openTextDocument(sampleUri());
    const symbols = await waitFor('symbols', async () => {
      const s = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Ronen');
      return s && s.filter((x) => x.name === 'Ronen Baram').length >= 3 ? s : undefined;
    });
    const ronen = symbols.filter((s) => s.name === 'Ronen Baram');
    assert.ok(ronen.every((s) => s.kind === vscode.SymbolKind.Property));
    const inSample = ronen.find((s) => s.location.uri.toString() === sampleUri().toString())!;
    assert.equal(inSample.containerName, 'Databases and Containers');
    assert.equal(inSample.location.range.start.line, 49);
    const talks = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Databases and Cont'))!;
    const databases = talks.find((s) => s.name === 'Databases and Containers' && s.kind === vscode.SymbolKind.Event)!;
    assert.ok(databases, 'talk symbol');
    assert.equal(databases.containerName, 'Ronen Baram · Scaleconf 2017');
    assert.deepEqual([databases.location.range.start.line, databases.location.range.start.character], [48, 3]);
  });

  it('moves to the next and previous talk, and inserts a new talk in the document\'s layout', async () => {
    await vscode.commands.executeCommand('conferenceNotes.openSample');
    const editor = await waitFor('the sample copy', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.isUntitled && e.document.lineCount > 200 ? e : undefined;
    });
    await waitFor('notes context', async () => ((await tree()).items.length === 13 ? true : undefined));
    editor.selection = new vscode.Selection(55, 0, 55, 0);
    await vscode.commands.executeCommand('conferenceNotes.nextTalk');
    assert.equal(editor.selection.active.line, 65);
    await vscode.commands.executeCommand('conferenceNotes.previousTalk');
    assert.equal(editor.selection.active.line, 48);
    editor.selection = new vscode.Selection(60, 0, 60, 0);
    await vscode.commands.executeCommand('conferenceNotes.newTalk');
    const lines = editor.document.getText().split(/\r?\n/);
    assert.deepEqual(lines.slice(63, 73), [
      lines[63],
      '',
      '## Talk title',
      '### Speaker',
      '',
      '#### Role',
      '',
      '#### Company',
      '',
      'Notes',
    ]);
    assert.equal(lines[73], '');
    assert.equal(lines[74], '## Planning your automation from scratch, what not to bring from your Word document!');
    assert.equal(editor.document.getText(editor.selection), 'Talk title');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
