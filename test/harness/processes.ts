// Child processes of the harness, each in its own process group, all stopped when we stop, however we stop.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface GroupProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when the leader has exited. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<GroupProcess>();
const cleanups = new Set<() => void>();

/** A synchronous clean-up (e.g. removing a run folder) to do if we are interrupted; returns its remover. */
export function registerCleanup(fn: () => void): () => void {
  installExitHandlers();
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

function killEverything(): void {
  for (const p of running) killGroup(p.child.pid, 'SIGKILL');
  for (const fn of cleanups) {
    try {
      fn();
    } catch {
      // Best effort on the way out.
    }
  }
  cleanups.clear();
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Spawns `command` as the leader of a new process group (detached), tracked for `stopAll`. */
export function spawnGroup(name: string, command: string, args: string[], options: SpawnOptions = {}): GroupProcess {
  installExitHandlers();
  const child = spawn(command, args, { ...options, detached: true });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
    child.once('error', () => resolve(-1));
  });
  const proc: GroupProcess = {
    name,
    child,
    exited,
    async stop(graceMs = 3000) {
      running.delete(proc);
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Anything the leader left behind in its group.
      killGroup(child.pid, 'SIGKILL');
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/** Stops every group still running (used by teardown; exit handlers do the same synchronously). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}

let handlersInstalled = false;
function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Last resort on any exit path: SIGKILL every group we started (synchronous, so it works in 'exit').
  process.on('exit', killEverything);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killEverything();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}
