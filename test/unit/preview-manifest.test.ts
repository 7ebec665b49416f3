// The manifest agrees with the preview and highlighting code: commands, activation, token legend and scopes.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FIELD_TOKEN_MODIFIERS, FIELD_TOKEN_TYPES } from '../../src/core/highlighting/fieldTokens';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string; title: string }>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    semanticTokenTypes: Array<{ id: string; description: string }>;
    semanticTokenModifiers: Array<{ id: string; description: string }>;
    semanticTokenScopes: Array<{ language: string; scopes: Record<string, string[]> }>;
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as Manifest;

describe('preview and highlighting manifest', () => {
  it('contributes the preview commands, with the fixed ids and titles', () => {
    const titles = new Map(manifest.contributes.commands.map((c) => [c.command, c.title]));
    assert.equal(titles.get('conferenceNotes.openPreview'), 'Open Preview');
    assert.equal(titles.get('conferenceNotes.openPreviewToSide'), 'Open Preview to the Side');
    assert.equal(titles.get('conferenceNotes.exportHtml'), 'Export as HTML');
    assert.ok(titles.has('conferenceNotes.preview.toggleLock'));
  });

  it('puts the preview on the editor title bar of notes files and restores it after a reload', () => {
    const title = manifest.contributes.menus['editor/title'] ?? [];
    assert.ok(title.some((m) => m.command === 'conferenceNotes.openPreviewToSide' && /conferenceNotes\.activeEditorIsNotes/.test(m.when ?? '')));
    assert.ok(manifest.activationEvents.includes('onWebviewPanel:conferenceNotes.preview'));
  });

  it('declares the semantic token legend the provider uses, each type mapped to a TextMate scope', () => {
    assert.deepEqual(manifest.contributes.semanticTokenTypes.map((t) => t.id), [...FIELD_TOKEN_TYPES]);
    assert.deepEqual(manifest.contributes.semanticTokenModifiers.map((t) => t.id), [...FIELD_TOKEN_MODIFIERS]);
    const scopes = manifest.contributes.semanticTokenScopes.find((s) => s.language === 'markdown')?.scopes ?? {};
    for (const type of FIELD_TOKEN_TYPES) assert.ok((scopes[type] ?? []).length > 0, `a scope for ${type}`);
  });

  it('gives the preview settings boolean defaults', () => {
    for (const key of ['scrollPreviewWithEditor', 'scrollEditorWithPreview', 'doubleClickToSwitchToEditor', 'breaks']) {
      assert.equal(manifest.contributes.configuration.properties[`conferenceNotes.preview.${key}`]?.default, true, key);
    }
  });
});
