// One updating line on stderr (`Linting 120/500 files…`), cleared at the end. Only the caller decides whether a
// terminal is there; this class only draws, at most every `intervalMs` so a fast run does not flood the terminal.
import type { CliIo } from './io';

const CLEAR_LINE = '\r\x1b[K';

export class ProgressLine {
  private shown = false;
  private lastDraw = -Infinity;

  constructor(
    private readonly io: Pick<CliIo, 'stderr'>,
    private readonly total: number,
    private readonly intervalMs = 80,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Draws `Linting done/total files…` unless the last draw was under `intervalMs` ago (`force` draws anyway). */
  update(done: number, force = false): void {
    const t = this.now();
    if (!force && t - this.lastDraw < this.intervalMs) return;
    this.lastDraw = t;
    this.shown = true;
    this.io.stderr(`${CLEAR_LINE}Linting ${done}/${this.total} file${this.total === 1 ? '' : 's'}…`);
  }

  /** Removes the line (before other stderr output, and at the end); the next `update` draws it again. */
  clear(): void {
    if (!this.shown) return;
    this.shown = false;
    this.lastDraw = -Infinity;
    this.io.stderr(CLEAR_LINE);
  }
}
