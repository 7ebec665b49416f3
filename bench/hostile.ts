// `npm run bench:hostile`: the hostile corpus (bench/hostile-corpus.ts) through the built CLI, one child process per
// case, printing per case its size, the wall time, the peak resident memory of the process and what it answered.
// Speed lives here, not in tests: the tests (test/unit/hostile*.test.ts) only catch hangs and crashes.
//
//   npm run bench:hostile                          builds, then runs every case at the issue's sizes
//   node --import tsx bench/hostile.ts [--scale S] [--timeout SECONDS] [--only a,b] [--cli path/to/cli.js]
//     --cli runs another build (a copy of dist/ from before a change, say) for a before/after table.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hostileCases, SAMPLE_PATH, writeHostileCorpus } from './hostile-corpus';

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const scale = Number(option('scale') ?? 1);
const timeoutMs = Number(option('timeout') ?? 120) * 1000;
const only = option('only')?.split(',');
const cli = path.resolve(option('cli') ?? path.join(root, 'dist', 'cli.js'));
const dir = path.join(root, '.bench', 'hostile');

interface Run {
  /** The case's file (or the sample) and the command run on it. */
  name: string;
  file: string;
  argv: string[];
  /** Read one line of stdout, then close the pipe (`| head -1`). */
  headOne?: boolean;
}

interface Measured {
  ms: number;
  /** CPU time of the process (user + system), the figure that load on a shared machine does not inflate. */
  cpuMs: number | undefined;
  rssKB: number | undefined;
  exit: string;
  lines: number;
  sampleLines: number;
  stderr: string;
}

/** CPU time so far of a live process (Linux: utime + stime of /proc/PID/stat, in clock ticks of 10 ms). */
function cpuOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Peak resident memory of a live process (Linux), for runs that never reach their own exit handler. */
function peakOf(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function measure(run: Run): Promise<Measured> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', path.join(__dirname, 'hostile-rss.cjs'), cli, ...run.argv], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let rssKB: number | undefined;
    let cpuMs: number | undefined;
    let lines = 0;
    let sampleLines = 0;
    let partial = '';
    let stderr = '';
    let report = '';
    const poll = setInterval(() => {
      const peak = peakOf(child.pid!);
      if (peak !== undefined) rssKB = Math.max(rssKB ?? 0, peak);
      cpuMs = cpuOf(child.pid!) ?? cpuMs;
    }, 100);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const sampleRel = path.relative(root, SAMPLE_PATH);
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const all = text.split('\n');
      partial = all.pop()!;
      lines += all.length;
      for (const l of all) if (l.startsWith(sampleRel + ':')) sampleLines++;
      if (run.headOne && lines >= 1) child.stdout!.destroy();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => (report += chunk.toString('utf8')));
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      const ms = performance.now() - started;
      try {
        const own = JSON.parse(report) as { maxRSS: number; cpuMs: number };
        rssKB = Math.max(rssKB ?? 0, own.maxRSS);
        cpuMs = own.cpuMs;
      } catch {
        // killed or crashed before its exit handler: the polled peak stands
      }
      const exit = signal === 'SIGKILL' && ms >= timeoutMs ? `killed after ${timeoutMs / 1000} s` : signal ? `signal ${signal}` : `exit ${code}`;
      resolve({ ms, cpuMs, rssKB, exit, lines, sampleLines, stderr: stderr.trim() });
    });
  });
}

const fmt = (v: number, digits = 0): string => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${fmt(bytes / 1024 / 1024, 1)} MB` : `${fmt(bytes / 1024, 0)} KB`);
const time = (ms: number): string => (ms >= 10_000 ? `${fmt(ms / 1000, 0)} s` : `${fmt(ms / 1000, 2)} s`);

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${cli} not found: run npm run build first`);
  const sampleRel = path.relative(root, SAMPLE_PATH);
  const wanted = (name: string): boolean => !only || only.includes(name);
  const files = writeHostileCorpus(dir, scale, (name) => wanted(name) || (wanted('epipe') && name === 'sample-copies'));
  const runs: Run[] = [];
  for (const c of hostileCases(scale)) {
    const file = files.get(c.name);
    if (!file || !wanted(c.name)) continue;
    const rel = path.relative(root, file);
    runs.push({ name: c.name, file, argv: ['lint', ...(c.withSample ? [sampleRel] : []), rel] });
    if (c.name === 'brackets' || c.name === 'long-heading') runs.push({ name: `${c.name} (outline)`, file, argv: ['outline', rel] });
    // The 40 MB file also in JSON (the output a file at a time and a stretch of findings at a time) and beside the sample.
    if (c.name === 'sample-copies') {
      runs.push({ name: `${c.name} (--format json)`, file, argv: ['lint', '--format', 'json', rel] });
      runs.push({ name: `${c.name} (beside the sample)`, file, argv: ['lint', sampleRel, rel] });
    }
  }
  const big = files.get('sample-copies');
  if (big && wanted('epipe')) {
    const rel = path.relative(root, big);
    runs.push({ name: 'epipe: lint | head -1', file: big, argv: ['lint', rel], headOne: true });
    runs.push({ name: 'epipe: outline --format json | head -1', file: big, argv: ['outline', '--format', 'json', rel], headOne: true });
  }
  process.stderr.write(`bench:hostile: ${runs.length} runs of ${cli} (scale ${scale}, timeout ${timeoutMs / 1000} s, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
  const rows: string[][] = [['case', 'size', 'time', 'CPU', 'peak RSS', 'exit', 'answer']];
  for (const run of runs) {
    const m = await measure(run);
    const firstErr = m.stderr.split('\n').find((l) => l.trim() !== '') ?? '';
    const answer = run.headOne
      ? firstErr === '' ? 'one line, quiet' : `stderr: ${firstErr.slice(0, 90)}`
      : `${fmt(m.lines)} lines${run.argv.includes(sampleRel) ? ` (sample ${m.sampleLines})` : ''}${firstErr ? `; stderr: ${firstErr.slice(0, 90)}` : ''}`;
    const row = [run.name, size(statSync(run.file).size), time(m.ms), m.cpuMs === undefined ? '?' : time(m.cpuMs), m.rssKB === undefined ? '?' : `${fmt(m.rssKB / 1024)} MB`, m.exit, answer];
    rows.push(row);
    process.stderr.write(`  ${row.join(' | ')}\n`);
  }
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  const line = (r: string[]): string => `| ${r.map((c, k) => (k >= 1 && k <= 4 ? c.padStart(widths[k]!) : c.padEnd(widths[k]!))).join(' | ')} |`;
  process.stdout.write([line(rows[0]!), `|${widths.map((w, k) => (k >= 1 && k <= 4 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`, ...rows.slice(1).map(line)].join('\n') + '\n');
}

void main().catch((e: Error) => {
  process.stderr.write(`bench:hostile: ${e.message}\n`);
  process.exitCode = 2;
});
