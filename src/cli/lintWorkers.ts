// `confnotes lint` on many files: worker threads (the CLI bundle itself, started with workerData) each load the
// dictionary once and lint the files the main thread hands out, two at a time, so a slow file never holds up a queue.
// Suggestions for unknown words are most of the work and the same typos recur from file to file: each worker passes
// the ones it computed to the others (through the main thread), so a word is rarely ranked twice.
import { Worker, parentPort } from 'node:worker_threads';
import type { Speller } from '../core/rules/types';
import { CliError } from './io';
import { lintFile, type FileOutcome, type LintJob, type LintTask } from './lintFile';

const ROLE = 'confnotes-lint-worker';
/** Files a worker holds at once: the one it lints and the next, so it never waits for the main thread. */
const IN_FLIGHT = 2;

export interface LintWorkerData {
  role: typeof ROLE;
  job: LintJob;
  /** Whether to load the dictionary (the spelling rule is on). */
  spelling: boolean;
}

type Scored = Array<{ word: string; score: number }>;
/** Suggestions computed by one worker, keyed by `max` and the word as written. */
type SuggestionEntries = Array<[key: string, suggestions: Scored]>;

type ToWorker = { type: 'task'; task: LintTask } | { type: 'suggestions'; entries: SuggestionEntries };
type FromWorker =
  | { type: 'ready' }
  | { type: 'outcome'; index: number; outcome: FileOutcome; suggestions: SuggestionEntries }
  /** What the main thread would have thrown in process: a CliError (with its exit code) or an internal error. */
  | { type: 'failed'; message: string; exitCode?: number };

export function isLintWorkerData(data: unknown): data is LintWorkerData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === ROLE;
}

function failure(e: unknown): FromWorker {
  return e instanceof CliError ? { type: 'failed', message: e.message, exitCode: e.exitCode } : { type: 'failed', message: (e as Error)?.message ?? String(e) };
}

interface ScoringSpeller extends Speller {
  suggestScored(word: string, max?: number): Scored;
}

/** A speller whose suggestions are remembered, reported as they are computed, and learnt from other workers. */
class SharedSuggestions implements ScoringSpeller {
  private readonly known: Map<string, Scored>;
  private readonly fresh: { entries: SuggestionEntries };
  private readonly byLocale: Map<string, SharedSuggestions>;

  /** `scope` keys the suggestions of one locale (they differ between locales); the others share the maps. */
  constructor(
    private readonly base: ScoringSpeller,
    private readonly scope = '',
    shared?: { known: Map<string, Scored>; fresh: { entries: SuggestionEntries }; byLocale: Map<string, SharedSuggestions> },
  ) {
    this.known = shared?.known ?? new Map();
    this.fresh = shared?.fresh ?? { entries: [] };
    this.byLocale = shared?.byLocale ?? new Map();
    // The careful parts of the speller (case, names, locales) pass through unchanged.
    for (const m of ['inAnotherCase', 'isProperName', 'isNearMiss', 'isOtherLocaleSpelling', 'listedCorrections', 'localesOf'] as const) {
      const f = base[m] as ((w: string) => never) | undefined;
      if (f) (this as Record<string, unknown>)[m] = (w: string) => f.call(base, w);
    }
  }

  isCorrect(word: string): boolean {
    return this.base.isCorrect(word);
  }

  suggest(word: string, max?: number): string[] {
    return this.suggestScored(word, max).map((s) => s.word);
  }

  suggestScored(word: string, max = 8): Scored {
    const key = `${this.scope}\u0000${max}\u0000${word}`;
    let found = this.known.get(key);
    if (!found) {
      found = this.base.suggestScored(word, max);
      this.known.set(key, found);
      this.fresh.entries.push([key, found]);
    }
    return found;
  }

  withLocale(locale: string, alsoAccepted: readonly string[] = []): Speller {
    const base = this.base.withLocale?.(locale, alsoAccepted) as ScoringSpeller | undefined;
    if (!base || base === this.base) return this;
    const scope = `${locale}+${alsoAccepted.join('+')}`;
    let s = this.byLocale.get(scope);
    if (!s) this.byLocale.set(scope, (s = new SharedSuggestions(base, scope, { known: this.known, fresh: this.fresh, byLocale: this.byLocale })));
    return s;
  }

  learn(entries: SuggestionEntries): void {
    for (const [key, suggestions] of entries) if (!this.known.has(key)) this.known.set(key, suggestions);
  }

  /** The suggestions computed here since the last call. */
  takeFresh(): SuggestionEntries {
    const fresh = this.fresh.entries;
    this.fresh.entries = [];
    return fresh;
  }
}

/** The worker's side: load the dictionary, say ready, then lint each file sent. */
export async function runLintWorker(data: LintWorkerData, loadSpeller: (locale: string | undefined) => Promise<Speller | undefined>): Promise<void> {
  const port = parentPort!;
  const post = (m: FromWorker): void => port.postMessage(m);
  let speller: Speller | undefined;
  try {
    speller = data.spelling ? await loadSpeller(data.job.config.locale) : undefined;
  } catch (e) {
    post(failure(e));
    return;
  }
  // Suggestions depend only on the word and the dictionary, so sharing them cannot change a finding.
  const shared = speller && typeof (speller as Partial<ScoringSpeller>).suggestScored === 'function' ? new SharedSuggestions(speller as ScoringSpeller) : undefined;
  port.on('message', (m: ToWorker) => {
    if (m.type === 'suggestions') {
      shared?.learn(m.entries);
      return;
    }
    try {
      const outcome = lintFile(m.task, data.job, shared ?? speller);
      post({ type: 'outcome', index: m.task.index, outcome, suggestions: shared?.takeFresh() ?? [] });
    } catch (e) {
      post(failure(e));
    }
  });
  post({ type: 'ready' });
}

export interface WorkerRun {
  /** The CLI bundle (dist/cli.js): it becomes a lint worker when started with LintWorkerData. */
  script: string;
  workers: number;
  job: LintJob;
  spelling: boolean;
  tasks: readonly LintTask[];
  /** Called once per task, in the order the workers finish. */
  onOutcome(index: number, outcome: FileOutcome): void;
}

/** Lints `tasks` in `workers` threads; rejects as the in-process run would throw (CliError or internal error). */
export function lintInWorkers(run: WorkerRun): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const data: LintWorkerData = { role: ROLE, job: run.job, spelling: run.spelling };
    const pool: Worker[] = [];
    let next = 0;
    let remaining = run.tasks.length;
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      void Promise.all(pool.map((w) => w.terminate())).then(() => (error ? reject(error) : resolve()));
    };
    const give = (worker: Worker): void => {
      if (next < run.tasks.length) worker.postMessage({ type: 'task', task: run.tasks[next++]! } satisfies ToWorker);
    };
    for (let i = 0; i < run.workers; i++) {
      const worker = new Worker(run.script, { workerData: data });
      pool.push(worker);
      worker.on('message', (m: FromWorker) => {
        if (settled) return;
        if (m.type === 'ready') {
          for (let k = 0; k < IN_FLIGHT; k++) give(worker);
        } else if (m.type === 'outcome') {
          try {
            run.onOutcome(m.index, m.outcome);
          } catch (e) {
            finish(e as Error);
            return;
          }
          give(worker);
          if (m.suggestions.length > 0) for (const other of pool) if (other !== worker) other.postMessage({ type: 'suggestions', entries: m.suggestions } satisfies ToWorker);
          if (--remaining === 0) finish();
        } else {
          finish(m.exitCode === undefined ? new Error(m.message) : new CliError(m.message, m.exitCode));
        }
      });
      worker.on('error', (e) => finish(e));
      worker.on('exit', (code) => finish(new Error(`a lint worker stopped before its files were linted (exit code ${code})`)));
    }
  });
}
