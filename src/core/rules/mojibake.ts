// UTF-8 text that was once decoded as Windows-1252 (`â€œ` for “, `Ã©` for é): turn the characters back into
// bytes and decode those as UTF-8; only complete, valid UTF-8 sequences count, so ordinary accents never match.
import type { DocumentRule, Report } from './types';

// Windows-1252 bytes 0x80-0x9F that are not Latin-1 control characters.
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

function byteOf(ch: string): number | undefined {
  const code = ch.charCodeAt(0);
  if (code >= 0x80 && code <= 0xff) return code; // Latin-1, and the five bytes Windows-1252 leaves undefined
  return CP1252_HIGH[code];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Length in characters of the mojibake sequence at `i` (one UTF-8 character's worth), and what it meant. */
function sequenceAt(text: string, i: number): { length: number; text: string } | undefined {
  const lead = byteOf(text[i]!);
  if (lead === undefined || lead < 0xc2 || lead > 0xf4) return undefined;
  const count = lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : 3;
  const bytes = [lead];
  for (let k = 1; k <= count; k++) {
    const ch = text[i + k];
    const b = ch === undefined ? undefined : byteOf(ch);
    if (b === undefined || b < 0x80 || b > 0xbf) return undefined;
    bytes.push(b);
  }
  try {
    return { length: count + 1, text: decoder.decode(new Uint8Array(bytes)) };
  } catch {
    return undefined;
  }
}

/** Repairs every mojibake sequence of `text`; `undefined` when there is none. */
export function repairMojibake(text: string): string | undefined {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; ) {
    const seq = sequenceAt(text, i);
    if (seq) {
      out += seq.text;
      i += seq.length;
      changed = true;
    } else {
      out += text[i];
      i++;
    }
  }
  return changed ? out : undefined;
}

export const mojibake: DocumentRule = {
  id: 'mojibake',
  defaultSeverity: 'warning',
  description: "UTF-8 text that was read as Windows-1252 somewhere on the way, such as 'â€œ' for '“' or 'Ã©' for 'é'.",
  scope: 'block',
  // One problem, one message: garbled letters are not also an unknown word.
  hides: ['spelling'],
  check({ doc, lines }) {
    const findings: Report[] = [];
    const from = Math.max(0, lines?.start ?? 0);
    const to = Math.min(doc.lineCount, lines?.end ?? doc.lineCount);
    const code = new Set<number>();
    for (const block of doc.nonProse) {
      if (block.kind !== 'code' || block.endLine < from || block.startLine >= to) continue;
      // Only the lines checked: a step of a 200,000-line code block added all of them, once per step (8 s an edit).
      for (let l = Math.max(block.startLine, from), end = Math.min(block.endLine, to - 1); l <= end; l++) code.add(l);
    }
    for (let lineNo = from; lineNo < to; lineNo++) {
      const line = doc.lines[lineNo]!;
      if (code.has(lineNo) || !/[\u0080-\u00ff\u0152-\u2122]/.test(line)) continue;
      for (let i = 0; i < line.length; ) {
        if (!sequenceAt(line, i)) {
          i++;
          continue;
        }
        // Adjacent sequences are one finding; text encoded twice is repaired until it stops changing.
        let end = i;
        while (end < line.length) {
          const seq = sequenceAt(line, end);
          if (!seq) break;
          end += seq.length;
        }
        const broken = line.slice(i, end);
        let fixed = repairMojibake(broken)!;
        for (let round = 0; round < 3; round++) fixed = repairMojibake(fixed) ?? fixed;
        const range = { start: { line: lineNo, character: i }, end: { line: lineNo, character: end } };
        findings.push({
          message: `'${broken}' is garbled text (UTF-8 read as Windows-1252); expected '${fixed}'`,
          range,
          fixes: [{ title: `Replace with '${fixed}'`, preferred: true, safe: true, edits: [{ range, newText: fixed }] }],
          data: { broken, fixed },
        });
        i = end;
      }
    }
    return findings;
  },
};
