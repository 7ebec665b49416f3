// Placeholder until the lint engine lands (issue 4).
import type { CliIo } from '../io';
export async function runLint(_args: string[], io: CliIo): Promise<number> {
  io.stderr('confnotes lint: not available yet in this build\n');
  return 2;
}
