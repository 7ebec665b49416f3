// TEMPORARY stub while the real parser is written (replaced in the next commit).
import type { NotesDocument } from './model';
export interface ParseOptions { nonTalkSections?: string[] }
export function parseNotes(text: string, _options: ParseOptions = {}): NotesDocument {
  const lines = text.split(/\r\n|\r|\n/);
  return { sections: [], talks: [], headings: [], lines, lineCount: lines.length, nonProse: [],
    layout: { talkLevel: 2, fieldStyle: 'heading', fieldLevels: { speaker: 3, role: 4, company: 4 }, labelStyle: 'bold' } };
}
