// The `confnotes` command: a thin shell over the core.
import { writeSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { isMainThread, workerData } from 'node:worker_threads';
import { CliError, type CliIo } from './io';
import { runOutline } from './commands/outline';
import { createRunLint } from './commands/lint';
import { cliSpellerLoader } from './dictionary';
import { runCheckWords } from './commands/checkWords';
import { runImport } from './commands/import';
import { runLsp } from './commands/lsp';
import { isLintWorkerData, runLintWorker } from './lintWorkers';

const USAGE = `Usage: confnotes <command> [options]

Commands:
  outline [--format text|json] FILE...                 print the talks of notes files
  lint [--format text|json] [--locale L] [--config F] [--fix] [--jobs N] FILE|DIR|GLOB...
                                                       report problems (exit 1 on warnings or errors);
                                                       --jobs N: threads (default: one per core for many files)
  check-words [--locale L] [WORD...]                   spell-check words (or one per line on stdin)
  import [--layout headings|labels|title-suffix|byline] [--days D,...] [--rooms R,...] [--tracks T,...]
         [--columns FIELD=Header,...] [--conference NAME] [-o FILE] [--into NOTES.md] SCHEDULE
                                                       notes from a schedule export (file, URL or -):
                                                       frab XML, C3VOC/pretalx/Sessionize JSON, iCalendar, CSV;
                                                       --into brings an existing notes file in step
  lsp --stdio                                          the language server, for any editor (README: Editors)

Exit codes: 0 clean, 1 findings at warning or above, 2 usage or input error.
`;

const commands: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  outline: runOutline,
  // The bundle is its own lint worker (see the end of this file); run from source, workers would need a TypeScript loader.
  lint: createRunLint(cliSpellerLoader, { workerScript: __filename.endsWith('.js') ? __filename : undefined }),
  'check-words': runCheckWords,
  import: runImport,
  lsp: runLsp,
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr)(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${process.env.CONFNOTES_VERSION ?? '0.1.0'}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`confnotes: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`confnotes ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    io.stderr(`confnotes ${name}: internal error: ${(e as Error).message}\n`);
    return 2;
  }
}

/**
 * V8 lets its heap grow to about four times what was live at the last full collection before it collects again: a
 * one-shot lint of a 40 MB file, whose model is ~350 MB live, then peaked at 1 GB of memory. Growing by 30% at a
 * time keeps the peak near what is live (40 MB: 1,013 -> 661 MB) for a few percent more time (bench:hostile).
 */
function boundHeapGrowth(): void {
  try {
    setFlagsFromString('--heap-growing-percent=30');
  } catch {
    // Another engine: its own defaults apply.
  }
}

if (!isMainThread && isLintWorkerData(workerData)) {
  boundHeapGrowth();
  void runLintWorker(workerData, cliSpellerLoader);
} else if (require.main === module) {
  boundHeapGrowth();
  // A reader that stops early (`confnotes lint big.md | head -1`) closes the pipe: the rest of the output is dropped
  // quietly and the command ends with its own exit code, no `write EPIPE` stack trace.
  // Writes block until the reader took them (fs.writeSync, waiting out EAGAIN on a non-blocking pipe): a stream's
  // write() to a pipe queues in memory, and `lint --format json big.md | consumer` queued 380 MB behind a sync lint.
  const closed = new Set<number>();
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const writer = (fd: number) => (text: string): void => {
    if (closed.has(fd)) return;
    let bytes = Buffer.from(text, 'utf8');
    while (bytes.length > 0) {
      try {
        const n = writeSync(fd, bytes);
        bytes = bytes.subarray(n);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          Atomics.wait(pause, 0, 0, 1);
          continue;
        }
        if (code !== 'EPIPE') throw e;
        closed.add(fd);
        return;
      }
    }
  };
  const io: CliIo = {
    stdout: writer(1),
    stderr: writer(2),
    isTTY: Boolean(process.stdout.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY) && process.env.TERM !== 'dumb',
    cwd: process.cwd(),
    readStdin: () =>
      new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        process.stdin.on('data', (c: Buffer) => chunks.push(c));
        process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        process.stdin.on('error', reject);
      }),
  };
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
