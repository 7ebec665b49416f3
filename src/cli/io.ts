// What a CLI command may touch, so tests can run commands in-process.
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal. */
  isTTY: boolean;
  /** Whether stderr is a terminal: `lint` draws its progress line there only then, and never with --format json. */
  stderrIsTTY?: boolean;
  /** Whether stdin is a terminal; false when something is piped in (`confnotes import x.ics | confnotes outline`). */
  stdinIsTTY?: boolean;
  cwd: string;
  /** Standard input as text, read only when a command asks for it. */
  readStdin(): Promise<string>;
}

/** A usage or input problem: one clear line on stderr, exit 2, no stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}
