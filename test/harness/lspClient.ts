// A plain LSP client over a child process's stdio, framed by hand (Content-Length headers, JSON-RPC 2.0): what any
// editor does, with no LSP library between the test and the server. Used by the protocol suite and bench/lsp.ts.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export interface Notification {
  method: string;
  params: any;
}

type ServerRequestHandler = (params: any) => unknown;

/** A generous limit that catches a hang, never a timing assertion (a benchmark may raise it: CN_LSP_WAIT_MS). */
const WAIT_MS = Number(process.env.CN_LSP_WAIT_MS) || 20_000;

export class LspClient {
  readonly process: ChildProcessWithoutNullStreams;
  readonly notifications: Notification[] = [];
  /** Requests the server sent to the client, in order. */
  readonly serverRequests: Notification[] = [];
  stderr = '';
  private chunks: Buffer[] = [];
  private received = 0;
  /** Bytes needed before the message begun in `chunks` is whole (0: unknown, look at once). */
  private needed = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  private readonly waiters: Array<{ test: (n: Notification) => boolean; resolve: (n: Notification) => void }> = [];
  private readonly handlers = new Map<string, ServerRequestHandler>();
  readonly exited: Promise<number | null>;

  /** `nodeArgs` go to Node before the CLI (`--cpu-prof`, say). */
  constructor(args: string[] = ['lsp', '--stdio'], cwd = ROOT, nodeArgs: string[] = []) {
    this.process = spawn(process.execPath, [...nodeArgs, CLI, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
    void this.exited.then(() => {
      for (const p of this.pending.values()) p.reject(new Error(`server exited during ${p.method}; stderr: ${this.stderr}`));
      this.pending.clear();
    });
  }

  /** Answers the server's requests of a method (workspace/configuration, workspace/applyEdit...); default: null. */
  onRequest(method: string, handler: ServerRequestHandler): void {
    this.handlers.set(method, handler);
  }

  request<R = any>(method: string, params: unknown): Promise<R> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method} in ${WAIT_MS} ms; stderr: ${this.stderr}`));
      }, WAIT_MS);
      this.pending.set(id, {
        method,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as R);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The first notification (already received or to come) that passes the test. */
  waitFor(test: (n: Notification) => boolean, what = 'a notification', since = 0): Promise<Notification> {
    const seen = this.notifications.slice(since).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} in ${WAIT_MS} ms; stderr: ${this.stderr}`)), WAIT_MS);
      this.waiters.push({
        test,
        resolve: (n) => {
          clearTimeout(timer);
          resolve(n);
        },
      });
    });
  }

  /** publishDiagnostics of a document at a version (the server sends each version's diagnostics at most once). */
  diagnostics(uri: string, version: number, since = 0): Promise<any[]> {
    return this.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.version === version, `diagnostics of ${uri} v${version}`, since).then((n) => n.params.diagnostics);
  }

  kill(): void {
    if (this.process.exitCode === null) this.process.kill();
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    // Chunks are kept as they come and joined once a whole message is there: joining on every chunk copied a
    // 30 MB answer (50,000 document symbols) hundreds of times over.
    this.chunks.push(chunk);
    this.received += chunk.length;
    if (this.received < this.needed) return;
    let buffer = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.received);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) break;
      const header = buffer.subarray(0, headerEnd).toString('ascii');
      const length = /Content-Length: (\d+)/i.exec(header);
      if (!length) throw new Error(`bad header from the server: ${header}`);
      const start = headerEnd + 4;
      const end = start + Number(length[1]);
      if (buffer.length < end) {
        this.needed = end;
        break;
      }
      const message = JSON.parse(buffer.subarray(start, end).toString('utf8')) as Message;
      buffer = buffer.subarray(end);
      this.needed = 0;
      this.dispatch(message);
    }
    this.chunks = buffer.length > 0 ? [buffer] : [];
    this.received = buffer.length;
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      this.serverRequests.push({ method: message.method, params: message.params });
      const handler = this.handlers.get(message.method);
      Promise.resolve(handler ? handler(message.params) : null).then(
        (result) => this.send({ jsonrpc: '2.0', id: message.id, result: result ?? null }),
        (err: Error) => this.send({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: err.message } }),
      );
      return;
    }
    if (message.method !== undefined) {
      const n = { method: message.method, params: message.params };
      this.notifications.push(n);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        if (this.waiters[i]!.test(n)) {
          this.waiters[i]!.resolve(n);
          this.waiters.splice(i, 1);
        }
      }
      return;
    }
    const pending = this.pending.get(Number(message.id));
    if (!pending) return;
    this.pending.delete(Number(message.id));
    if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
    else pending.resolve(message.result);
  }
}
