// The .vsix: what ships (vsce's own file list, as `npm run package` uses it) and the packaging fields of
// package.json. The rest of the manifest is checked in manifest.test.ts; that every contributed command is
// registered by the code, in test/exthost/installed.test.ts (inside the extension host).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { listFiles, PackageManager } from '@vscode/vsce';

const root = new URL('../../', import.meta.url);
const rootPath = root.pathname;
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

/** Every file the package may hold: bundles, media, grammar, schema, dictionary, sample, licence, docs. */
const ALLOWED = [
  /^package\.json$/,
  /^(README|CHANGELOG)\.md$/,
  /^LICENSE$/,
  /^dist\/(extension|languageClient|schedule|server|cli|web\/extension|web\/server)\.js$/,
  /^media\/[\w.-]+\.(png|svg|css|js)$/,
  /^media\/walkthrough\/[\w.-]+\.(png|md)$/,
  /^syntaxes\/[\w.-]+\.tmLanguage\.json$/,
  /^schemas\/[\w.-]+\.schema\.json$/,
  /^dict\/en\.bin$/,
  /^samples\/scaleconf-2017\.md$/,
];

describe('the .vsix package', function () {
  this.timeout(60000);
  let files: string[];
  before(async function () {
    if (!existsSync(new URL('dist/extension.js', root)) || !existsSync(new URL('dict/en.bin', root))) this.skip();
    files = (await listFiles({ cwd: rootPath, packageManager: PackageManager.None })).map((f) => f.replace(/\\/g, '/'));
  });

  it('ships only bundles, media, grammar, schema, dictionary, sample, licence and docs', () => {
    const unexpected = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
    assert.deepEqual(unexpected, [], 'add the file to .vscodeignore, or to ALLOWED here if it must ship');
  });

  it('ships everything the installed extension reads', () => {
    const needed = [
      manifest.main.replace(/^\.\//, ''),
      manifest.browser.replace(/^\.\//, ''),
      manifest.icon,
      'dist/server.js', // the language server the desktop extension forks
      'dist/languageClient.js', // the language client, which dist/extension.js requires after activation
      'dist/schedule.js', // the schedule readers, which dist/extension.js requires on the first import
      'dist/web/server.js', // the language server in a web worker
      'dict/en.bin', // the spelling dictionary, read by the language server
      'samples/scaleconf-2017.md', // Open Sample Notes
      'media/preview.js',
      'media/preview.css',
      'LICENSE',
      'CHANGELOG.md',
      ...manifest.contributes.grammars.map((g: { path: string }) => g.path.replace(/^\.\//, '')),
      ...manifest.contributes.jsonValidation.map((j: { url: string }) => j.url.replace(/^\.\//, '')),
      ...manifest.contributes.walkthroughs.flatMap((w: { steps: Array<{ media: { image: string } }> }) => w.steps.map((s) => s.media.image)),
    ];
    for (const file of needed) assert.ok(files.includes(file), `${file} is not in the package`);
  });

  it('keeps sources, tests, maps, benchmarks and node_modules out', () => {
    const leaked = files.filter((f) => /^(src|test|bench|scripts|node_modules|out|\.test-env|test-output)\//.test(f) || /\.(map|ts)$/.test(f));
    assert.deepEqual(leaked, []);
  });
});

describe('package.json for the gallery', () => {
  it('has an icon of 128x128 pixels', () => {
    const png = readFileSync(new URL(manifest.icon, root));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('has a licence, a changelog, a repository, categories, keywords and a gallery banner', () => {
    assert.equal(manifest.license, 'MIT');
    assert.match(readFileSync(new URL('LICENSE', root), 'utf8'), /^MIT License/);
    assert.match(readFileSync(new URL('CHANGELOG.md', root), 'utf8'), new RegExp(`## ${manifest.version.replace(/\./g, '\\.')}`));
    assert.match(manifest.repository.url, /^https:\/\//);
    assert.deepEqual(manifest.categories, ['Linters', 'Visualization', 'Other']);
    assert.ok(manifest.keywords.length > 0 && manifest.keywords.length <= 30);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  });

  it('declares what is limited in untrusted workspaces, with settings that exist', () => {
    const { untrustedWorkspaces, virtualWorkspaces } = manifest.capabilities;
    assert.equal(untrustedWorkspaces.supported, 'limited');
    assert.ok(untrustedWorkspaces.description.length > 20);
    const settings = Object.keys(manifest.contributes.configuration.properties);
    for (const key of untrustedWorkspaces.restrictedConfigurations) assert.ok(settings.includes(key), key);
    assert.equal(virtualWorkspaces, true);
  });

  it('gives every command a title and the category, and names only contributed commands in menus, keys and walkthroughs', () => {
    const commands = new Set<string>();
    for (const c of manifest.contributes.commands) {
      assert.ok(c.title?.trim(), `${c.command} has no title`);
      assert.equal(c.category, 'Conference Notes', c.command);
      commands.add(c.command);
    }
    const referenced: string[] = [
      ...manifest.contributes.keybindings.map((k: { command: string }) => k.command),
      ...Object.values(manifest.contributes.menus).flatMap((items) => (items as Array<{ command: string }>).map((m) => m.command)),
    ];
    const links = JSON.stringify([manifest.contributes.walkthroughs, manifest.contributes.viewsWelcome]).matchAll(/command:(conferenceNotes\.[\w.]+)/g);
    for (const [, id] of links) referenced.push(id!);
    for (const id of referenced) assert.ok(commands.has(id) || id === 'conferenceNotes.talks.focus', `${id} is not contributed`);
  });

  it('activates on Markdown and through its preview panel only', () => {
    assert.deepEqual(manifest.activationEvents, ['onLanguage:markdown', 'onWebviewPanel:conferenceNotes.preview']);
  });

  it('builds the package offline with vsce, with the production bundles', () => {
    assert.match(manifest.scripts.package, /^vsce package --no-dependencies/);
    assert.match(manifest.scripts['vscode:prepublish'], /build\.mjs --production/);
  });
});
