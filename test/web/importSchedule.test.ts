// Import Schedule in the web-worker extension host: the XML, iCalendar and CSV libraries run where there is no
// Node, the schedule is read through vscode.workspace.fs, and the notes file is written as one edit.
import * as vscode from 'vscode';
import { equal, ok } from './assert';
import { talksTree, waitForUpTo, workspaceFile } from './helpers';

const waitFor = waitForUpTo(15000);

const SCHEDULES: Record<string, { text: string; talks: string[] }> = {
  'web-schedule.ics': {
    text: [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//pretalx//pretalx.example.com//',
      'BEGIN:VEVENT', 'UID:pretalx-webconf-W1@pretalx.example.com', 'DTSTART:20240915T080000Z', 'DTEND:20240915T083000Z',
      'LOCATION:Amphi A', 'SUMMARY:Workers - All the Way Down - Amel Brun\\, Basile Caron', 'URL:https://pretalx.example.com/webconf/talk/W1/', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:pretalx-webconf-W2@pretalx.example.com', 'DTSTART:20240915T090000Z', 'DTEND:20240915T093000Z',
      'LOCATION:Amphi A', 'SUMMARY:No Node Here - Chloé Dumas', 'END:VEVENT', 'END:VCALENDAR', '',
    ].join('\r\n'),
    talks: ['Workers - All the Way Down', 'No Node Here'],
  },
  'web-schedule.xml': {
    text:
      '<?xml version="1.0"?><schedule><conference><title>Web Camp</title><start>2024-06-01</start><end>2024-06-01</end></conference>' +
      '<day index="1" date="2024-06-01"><room name="Tent"><event id="1"><date>2024-06-01T10:00:00+02:00</date><start>10:00</start><duration>00:30</duration>' +
      '<room>Tent</room><title>Parsing in Workers</title><persons><person id="1">Dee Park &amp; Eve Moss</person></persons></event>' +
      '<event id="2"><date>2024-06-01T11:00:00+02:00</date><start>11:00</start><duration>00:30</duration><room>Tent</room><title>Lunch</title><persons/></event>' +
      '<event id="3"><date>2024-06-01T12:00:00+02:00</date><start>12:00</start><duration>00:30</duration><room>Tent</room><title>Second Talk</title><persons><person id="2">Finn Beck</person></persons></event>' +
      '</room></day></schedule>',
    talks: ['Parsing in Workers', 'Second Talk'],
  },
  'web-schedule.csv': {
    text: 'Title;Speakers;Date;Start;Room\nCSV in the Browser;Gia Nova;2024-07-01;09:00;Hall\nAnother One;Hal Ode y Ivo Jansen;2024-07-01;10:00;Hall\n',
    talks: ['CSV in the Browser', 'Another One'],
  },
};

describe('Import Schedule in the web worker', function () {
  this.timeout(60000);
  const created: vscode.Uri[] = [];

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    for (const name of Object.keys(SCHEDULES)) await vscode.workspace.fs.delete(workspaceFile(name)).then(undefined, () => undefined);
  });

  for (const [name, { text, talks }] of Object.entries(SCHEDULES)) {
    it(`imports ${name} into a new notes file; the Talks view shows its talks`, async () => {
      await vscode.workspace.fs.writeFile(workspaceFile(name), new TextEncoder().encode(text));
      const result = await vscode.commands.executeCommand<{ uri: string; talks: number }>('conferenceNotes.importSchedule', {
        source: workspaceFile(name).toString(),
        into: 'new',
        layout: 'label',
        conference: `Web ${name}`,
      });
      ok(result, 'the command returned nothing');
      created.push(vscode.Uri.parse(result.uri));
      equal(result.talks, talks.length);
      const tree = await waitFor('the imported talks in the Talks view', async () => {
        const t = await talksTree();
        return t.items.length === talks.length && t.items.every((item, k) => item.label === talks[k]) ? t : undefined;
      });
      ok(tree.items.every((item) => item.description.length > 0), 'a talk without its speaker');
    });
  }
});
