// A tiny argument parser: `--name value`, `--name=value`, boolean flags, positionals.
import { CliError } from './io';

type Spec = Record<string, 'string' | 'boolean'>;
type Parsed<S extends Spec> = { [K in keyof S]?: S[K] extends 'string' ? string : boolean };

export function parseArgs<S extends Spec>(argv: string[], spec: S): { options: Parsed<S>; positionals: string[] } {
  const options: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      const kind = spec[name];
      if (!kind) throw new CliError(`unknown option --${name}`);
      if (kind === 'boolean') {
        if (eq !== -1) throw new CliError(`--${name} takes no value`);
        options[name] = true;
      } else {
        const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
        if (value === undefined || value === '') throw new CliError(`--${name} needs a value`);
        options[name] = value;
      }
    } else {
      positionals.push(arg);
    }
  }
  return { options: options as Parsed<S>, positionals };
}
