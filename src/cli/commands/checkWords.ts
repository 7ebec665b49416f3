// Placeholder until the spelling engine lands (issue 5).
import type { CliIo } from '../io';
export async function runCheckWords(_args: string[], io: CliIo): Promise<number> {
  io.stderr('confnotes check-words: not available yet in this build\n');
  return 2;
}
