// `confnotes lsp --stdio`: the language server for any editor (Neovim, Helix, Zed, Emacs...), over stdin/stdout.
import { parseArgs } from '../args';
import { nodeReadFile } from '../dictionary';
import { CliError, type CliIo } from '../io';
import { startNodeServer } from '../../server/node';

export async function runLsp(argv: string[], _io: CliIo): Promise<number> {
  // vscode-languageclient adds --clientProcessId=N (the server library reads it from argv to exit with its client).
  const { options, positionals } = parseArgs(argv, { stdio: 'boolean', clientProcessId: 'string' });
  if (!options.stdio || positionals.length > 0) throw new CliError('lsp talks over stdin and stdout only: confnotes lsp --stdio');
  // Found now, so a missing dictionary is one line on stderr, not a server without spelling.
  const readDictionary = nodeReadFile();
  startNodeServer(readDictionary, process.env.CONFNOTES_VERSION ?? '0.1.0');
  // The connection ends the process on `exit` (code 0 after `shutdown`, else 1).
  return new Promise<number>(() => {});
}
