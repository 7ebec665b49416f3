// Disposal helpers for the glue layer: every listener and registration ends up in one of these.
import * as vscode from 'vscode';

/** Base class that owns disposables registered with `_register` and disposes them once. */
export abstract class Disposable implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected _register<T extends vscode.Disposable>(value: T): T {
    if (this.disposed) value.dispose();
    else this.disposables.push(value);
    return value;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeAll(this.disposables.splice(0));
  }
}

/** Disposes every item, going on past ones that throw. */
export function disposeAll(items: Iterable<vscode.Disposable>): void {
  for (const item of items) {
    try {
      item.dispose();
    } catch {
      // A failing dispose must not keep the others alive.
    }
  }
}
