// One in-process figure of `npm run bench`, in a fresh process so that caches are cold where they should be:
//
//   node --import tsx --expose-gc bench/inprocess.ts <figure> [FILE]
//
// figures: firstlint (first full lint through the sliced API, then remark-parse on the same text in the same process),
//          slice (longest synchronous stretch during the first full lint), edits (50 one-word edits: latency and
//          longest slice), heap (heap after 1,000 edits against after 10), activation (dist/extension.js load +
//          activate() against a stub vscode API).
// Prints one line of JSON on stdout (the last line); bench/run.ts reads it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { LintSession } from '../src/core/lintSession';
import { PreviewBlockCache } from '../src/core/preview/blockCache';
import { renderPreviewBody, renderPreviewBodySliced } from '../src/core/preview/render';
import { parseNotes } from '../src/core/parser';
import type { Finding, NotesDocument } from '../src/core/model';
import { loadNodeSpeller } from '../src/cli/dictionary';
import { nextTurn } from '../src/core/nextTurn';
import { applyEdit, editSites } from './editSites';

const root = path.resolve(__dirname, '..');
const [figure, fileArg] = process.argv.slice(2);
const file = path.resolve(root, fileArg ?? path.join('.bench', 'big-notes.md'));

const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('run with --expose-gc');
  g();
  g();
};
const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/**
 * The longest stretch the event loop did not turn, two ways: a setImmediate ticker (wall gap between consecutive
 * turns) and perf_hooks' event-loop delay histogram at 1 ms resolution (its max).
 */
function blockMeter() {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let maxGap = 0;
  let maxCpu = 0;
  let running = true;
  const tick = (): void => {
    const t = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (t - last > maxGap) maxGap = t - last;
    if (cpuMs > maxCpu) maxCpu = cpuMs;
    last = t;
    lastCpu = process.cpuUsage();
    if (running) setImmediate(tick);
  };
  histogram.enable();
  setImmediate(tick);
  return {
    /** Wall-clock figures (what the user feels), and the most CPU one stretch used (all threads: GC helpers too). */
    stop(): { tickerMs: number; histogramMs: number; cpuMs: number } {
      running = false;
      histogram.disable();
      // A stretch still running when stopped counts too.
      maxGap = Math.max(maxGap, performance.now() - last);
      const cpu = process.cpuUsage(lastCpu);
      maxCpu = Math.max(maxCpu, (cpu.user + cpu.system) / 1000);
      return { tickerMs: round(maxGap), histogramMs: round(histogram.max / 1e6), cpuMs: round(maxCpu) };
    },
  };
}

async function newSession(): Promise<{ session: LintSession; dictionaryLoadMs: number }> {
  const t0 = performance.now();
  const speller = await loadNodeSpeller(undefined);
  const dictionaryLoadMs = performance.now() - t0;
  const dir = path.dirname(file);
  const session = new LintSession({ speller, fileExists: (target) => existsSync(path.resolve(dir, target)) });
  return { session, dictionaryLoadMs: round(dictionaryLoadMs) };
}

/** The first full lint as the extension runs it: the parse in slices (NotesDocuments.ready), then lintAll in slices. */
async function firstFullLint(session: LintSession, text: string): Promise<{ findings: Finding[]; updateMs: number; totalMs: number }> {
  const t0 = performance.now();
  const u = (await session.updateInSlices(text, { budgetMs: 10 }))!;
  const updateMs = performance.now() - t0;
  const findings = u.findings ?? (await session.lintAll());
  const totalMs = performance.now() - t0;
  if (!findings) throw new Error('first full lint was cancelled');
  return { findings, updateMs: round(updateMs), totalMs: round(totalMs) };
}

// ---- Edits: one word in the middle of one talk's notes (bench/editSites.ts) ----

/** One edit, from `update(newText)` to complete findings (synchronous when the session re-lints the block only). */
async function timedEdit(session: LintSession, text: string): Promise<{ ms: number; reused: boolean; incremental: boolean; findings: number }> {
  const t0 = performance.now();
  const u = session.update(text);
  const findings = u.findings ?? (await session.lintAll());
  const ms = performance.now() - t0;
  if (!findings) throw new Error('lint was cancelled');
  return { ms, reused: u.reused, incremental: u.findings !== undefined, findings: findings.length };
}

function splitText(text: string): string[] {
  return text.split('\n');
}

// ---- Activation against a stub vscode API ----

type Overrides = Record<string, unknown>;

/**
 * A generic stand-in for the `vscode` module: every property is another stub, calling one returns a stub (so an
 * `onDidX(listener)` event returns something with `dispose()`), `new` on one gives an object whose unknown members are
 * stubs (classes can be extended), iteration yields nothing, awaiting one does not hang. `overrides` pins paths.
 */
function stub(name: string, overrides: Overrides): unknown {
  const members = new Map<PropertyKey, unknown>();
  const assigned = new Map<PropertyKey, unknown>();
  const memberOf = (prop: PropertyKey): unknown => {
    const key = `${name}.${String(prop)}`;
    if (key in overrides) return overrides[key];
    if (!members.has(prop)) members.set(prop, stub(key, overrides));
    return members.get(prop);
  };
  const special = (prop: PropertyKey): { value: unknown } | undefined => {
    if (prop === 'then') return { value: undefined };
    if (prop === Symbol.toPrimitive) return { value: (hint: string) => (hint === 'number' ? 0 : name) };
    if (prop === Symbol.iterator) return { value: function* () {} };
    if (prop === 'toJSON') return { value: () => name };
    if (typeof prop === 'symbol') return { value: undefined };
    return undefined;
  };
  // Instances: own fields first, then the stub members.
  const prototype = new Proxy({} as Record<PropertyKey, unknown>, {
    get(target, prop, receiver) {
      if (prop === 'constructor') return fn;
      if (Reflect.has(target, prop)) return Reflect.get(target, prop, receiver);
      const s = special(prop);
      return s ? s.value : memberOf(`prototype.${String(prop)}`);
    },
  });
  const target = function () {} as unknown as Record<PropertyKey, unknown>;
  target.prototype = prototype;
  const fn: unknown = new Proxy(target, {
    get(t, prop) {
      if (prop === 'prototype') return prototype;
      if (assigned.has(prop)) return assigned.get(prop);
      if (Reflect.has(t, prop) && prop !== 'name' && prop !== 'length') return Reflect.get(t, prop);
      const s = special(prop);
      return s ? s.value : memberOf(prop);
    },
    // `item.name = ...` on a stub object: kept here (a function's own `name` is read-only).
    set(_t, prop, value) {
      assigned.set(prop, value);
      return true;
    },
    apply() {
      return stub(`${name}()`, overrides);
    },
    construct(t, _args, newTarget) {
      return Reflect.construct(t as unknown as () => void, [], newTarget);
    },
  });
  return fn;
}

function uri(p: string): Record<string, unknown> {
  return { scheme: 'file', path: p, fsPath: p, authority: '', query: '', fragment: '', toString: () => `file://${p}`, with: () => uri(p) };
}

function memento(): { get: (k: string, d?: unknown) => unknown; update: (k: string, v: unknown) => Promise<void>; keys: () => string[] } {
  const store = new Map<string, unknown>();
  return {
    get: (k, d) => (store.has(k) ? store.get(k) : d),
    update: async (k, v) => void store.set(k, v),
    keys: () => [...store.keys()],
  };
}

async function activation(): Promise<Record<string, unknown>> {
  const bundle = process.env.CN_BENCH_BUNDLE ?? path.join(root, 'dist', 'extension.js');
  if (!existsSync(bundle)) throw new Error('dist/extension.js missing: npm run build');
  const configuration = {
    get: (_k: string, d?: unknown) => d,
    has: () => false,
    inspect: () => undefined,
    update: async () => {},
  };
  // The output channel keeps what the extension logs, so a feature that failed under the stub shows in the result.
  const logged: string[] = [];
  const channel = new Proxy(
    {},
    {
      get: (_t, prop) =>
        prop === 'then' ? undefined : (...args: unknown[]) => void logged.push(`${String(prop)}: ${args.map(String).join(' ')}`),
    },
  );
  const overrides: Overrides = {
    'vscode.window.createOutputChannel': () => channel,
    'vscode.workspace.getConfiguration': () => configuration,
    'vscode.workspace.workspaceFolders': undefined,
    'vscode.workspace.textDocuments': [],
    'vscode.workspace.isTrusted': true,
    'vscode.window.visibleTextEditors': [],
    'vscode.window.activeTextEditor': undefined,
    'vscode.window.tabGroups': { all: [], onDidChangeTabs: () => ({ dispose() {} }) },
    'vscode.Uri.file': (p: string) => uri(p),
    'vscode.Uri.parse': (p: string) => uri(p.replace(/^[a-z-]+:\/\//, '')),
    'vscode.Uri.joinPath': (base: { path: string }, ...parts: string[]) => uri(path.posix.join(base.path, ...parts)),
    'vscode.env.language': 'en',
    'vscode.env.uiKind': 1,
    'vscode.version': '1.100.3',
  };
  // The module's top-level names come from @types/vscode, as own properties, so that esbuild's `__toESM(require('vscode'))`
  // (which copies own properties) sees them.
  const types = readFileSync(path.join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const names = new Set([...types.matchAll(/^\texport (?:namespace|class|enum|const|let|function) (\w+)/gm)].map((m) => m[1]!));
  const members = stub('vscode', overrides) as Record<string, unknown>;
  const vscode: Record<string, unknown> = {};
  for (const n of names) Object.defineProperty(vscode, n, { enumerable: true, get: () => members[n] });
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { publisher: string; name: string };
  const context = {
    subscriptions: [] as Array<{ dispose(): unknown }>,
    workspaceState: memento(),
    globalState: Object.assign(memento(), { setKeysForSync() {} }),
    extensionUri: uri(root),
    extensionPath: root,
    storageUri: undefined,
    globalStorageUri: uri(path.join(root, '.bench', 'global-storage')),
    logUri: uri(path.join(root, '.bench', 'log')),
    extensionMode: 1,
    asAbsolutePath: (p: string) => path.join(root, p),
    environmentVariableCollection: stub('environmentVariableCollection', {}),
    secrets: stub('secrets', {}),
    extension: { id: `${pkg.publisher}.${pkg.name}`, extensionUri: uri(root), extensionPath: root, packageJSON: pkg, isActive: true },
  };
  // require('vscode') resolves to the stub.
  const NodeModule = createRequire(__filename)('node:module') as {
    new (id: string, parent?: unknown): { filename: string; paths: string[]; loaded: boolean; exports: unknown; _compile(source: string, file: string): void };
    _nodeModulePaths(dir: string): string[];
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
  };
  const Module = NodeModule;
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  const requireHere = createRequire(__filename);
  (requireHere.cache as Record<string, unknown>)['vscode'] = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode, children: [], paths: [] };
  let asyncErrors = 0;
  process.on('unhandledRejection', () => void asyncErrors++);

  // As in the extension host: no source-mapped stack traces (tsx turns them on in this process).
  process.setSourceMapsEnabled(false);
  // Loaded the way plain Node loads it (read + compile), not through tsx's require hook, which this process has.
  const t0 = performance.now();
  const mod = new NodeModule(bundle, module);
  mod.filename = bundle;
  mod.paths = NodeModule._nodeModulePaths(path.dirname(bundle));
  mod._compile(readFileSync(bundle, 'utf8'), bundle);
  mod.loaded = true;
  const extension = mod.exports as { activate(ctx: unknown): unknown };
  const t1 = performance.now();
  extension.activate(context);
  const t2 = performance.now();
  // Let the work activate() started settle, to report whether the stub held up (not timed).
  await new Promise((r) => setTimeout(r, 50));
  return {
    loadMs: round(t1 - t0),
    activateMs: round(t2 - t1),
    totalMs: round(t2 - t0),
    subscriptions: context.subscriptions.length,
    asyncErrors,
    loggedErrors: logged.filter((l) => /^(error|warn)/.test(l)).length,
    ...(process.env.BENCH_SHOW_LOG ? { log: logged } : {}),
    api: 'stub vscode API',
  };
}

// ---- Figures ----

async function main(): Promise<Record<string, unknown>> {
  if (figure === 'activation') return activation();
  const text = readFileSync(file, 'utf8');
  const lineCount = text.split('\n').length;

  if (figure === 'firstlint') {
    // Ours first, cold; remark-parse second in the same process (micromark is then warm: that favours remark).
    const { session, dictionaryLoadMs } = await newSession();
    gc();
    const ours = await firstFullLint(session, text);
    gc();
    const t0 = performance.now();
    unified().use(remarkParse).parse(text);
    const remarkMs = performance.now() - t0;
    return { file: path.relative(root, file), lines: lineCount, dictionaryLoadMs, oursMs: ours.totalMs, updateMs: ours.updateMs, remarkMs: round(remarkMs), findings: ours.findings.length };
  }

  if (figure === 'preview') {
    // The preview of the big notes with its lint problems, as the panel renders it: sliced, with the shared block
    // cache; first render cold, then a one-word edit in the middle (the panel's update).
    const { session } = await newSession();
    const first = await firstFullLint(session, text);
    const problems = first.findings.map((f) => ({ message: f.message, severity: f.severity, range: f.range, rule: f.rule }));
    const cache = new PreviewBlockCache();
    const options = { problems, interactive: true, cache };
    gc();
    const meter = blockMeter();
    await nextTurn();
    let t0 = performance.now();
    const html = await renderPreviewBodySliced(session.doc!, options);
    const firstMs = performance.now() - t0;
    await nextTurn();
    const firstBlocked = meter.stop();
    const doc = session.doc!;
    const site = editSites(doc, 1)[0]!;
    const lines = splitText(text);
    const edited = applyEdit(lines, [site], 0);
    const u = session.update(edited);
    const meter2 = blockMeter();
    await nextTurn();
    t0 = performance.now();
    const html2 = await renderPreviewBodySliced(u.doc, options);
    const editMs = performance.now() - t0;
    await nextTurn();
    const editBlocked = meter2.stop();
    // The one-go render of the same text, for reference (what the panel did before it sliced).
    t0 = performance.now();
    renderPreviewBody(u.doc, { problems, interactive: true });
    const oneGoMs = performance.now() - t0;
    return {
      file: path.relative(root, file), htmlChars: html?.length ?? 0, htmlChanged: html !== html2 ? 1 : 0,
      firstMs: round(firstMs), firstSliceMs: round(Math.max(firstBlocked.tickerMs, firstBlocked.histogramMs)),
      editMs: round(editMs), editSliceMs: round(Math.max(editBlocked.tickerMs, editBlocked.histogramMs)), oneGoMs: round(oneGoMs),
    };
  }

  if (figure === 'slice') {
    const { session, dictionaryLoadMs } = await newSession();
    gc();
    const meter = blockMeter();
    await nextTurn();
    const t0 = performance.now();
    // Parsed in slices as the extension does for a big file (NotesDocuments.ready, 10 ms slices).
    const u = (await session.updateInSlices(text, { budgetMs: 10 }))!;
    const updateMs = performance.now() - t0;
    // The longest slice of lintAll alone: a second meter that starts once the parse is done (it first ticks when
    // lintAll's first slice yields).
    const lintAllMeter = blockMeter();
    const findings = u.findings ?? (await session.lintAll());
    const longestLintAllSlice = lintAllMeter.stop().tickerMs;
    const totalMs = performance.now() - t0;
    await nextTurn();
    const blocked = meter.stop();
    return { file: path.relative(root, file), dictionaryLoadMs, totalMs: round(totalMs), updateMs: round(updateMs), longestLintAllSliceMs: round(longestLintAllSlice), ...blocked, findings: findings?.length };
  }

  if (figure === 'edits' || figure === 'heap') {
    const { session } = await newSession();
    const first = await firstFullLint(session, text);
    const doc: NotesDocument = session.doc ?? parseNotes(text);
    const sites = editSites(doc, 50);
    if (sites.length < 50) throw new Error(`only ${sites.length} edit sites found`);
    const lines = splitText(text);

    if (figure === 'edits') {
      gc();
      const meter = blockMeter();
      const times: number[] = [];
      let incremental = 0;
      let lastFindings = 0;
      for (let n = 0; n < 50; n++) {
        await nextTurn(); // a keystroke arrives on its own turn of the event loop
        const r = await timedEdit(session, applyEdit(lines, sites, n));
        times.push(r.ms);
        if (r.incremental) incremental++;
        lastFindings = r.findings;
      }
      await nextTurn();
      const blocked = meter.stop();
      // The session's findings after the edits equal a full lint of the same text (the incremental path is exact).
      const check = new LintSession({ speller: (await loadNodeSpeller(undefined)) });
      check.update(lines.join('\n'));
      const full = await check.lintAll();
      return {
        file: path.relative(root, file),
        edits: times.length,
        medianMs: round(median(times)),
        p95Ms: round(percentile(times, 95)),
        maxMs: round(Math.max(...times)),
        incremental,
        ...blocked,
        findingsAfter: lastFindings,
        findingsFullLint: full?.length,
        firstLintFindings: first.findings.length,
      };
    }

    // heap: after 10 edits, then after 1,000 (the word toggles between typo and original, so the text keeps its size)
    const t0 = performance.now();
    let n = 0;
    for (; n < 10; n++) await timedEdit(session, applyEdit(lines, sites, n));
    gc();
    const after10 = process.memoryUsage().heapUsed;
    for (; n < 1000; n++) {
      await timedEdit(session, applyEdit(lines, sites, n));
      if (performance.now() - t0 > 120_000) break;
    }
    gc();
    const after1000 = process.memoryUsage().heapUsed;
    return {
      file: path.relative(root, file),
      edits: n,
      heapAfter10MB: round(after10 / 2 ** 20, 1),
      heapAfter1000MB: round(after1000 / 2 ** 20, 1),
      growthMB: round((after1000 - after10) / 2 ** 20, 1),
      seconds: round((performance.now() - t0) / 1000, 1),
    };
  }
  throw new Error(`unknown figure '${figure}' (firstlint, slice, edits, heap, activation)`);
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify({ figure, ...result })}\n`);
    process.exit(0);
  },
  (e: unknown) => {
    process.stderr.write(`inprocess ${figure}: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
