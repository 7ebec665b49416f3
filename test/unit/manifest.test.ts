// The manifest itself: settings defaults agree with the core, commands are named and categorised.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS } from '../../src/core/settings';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    configuration: { properties: Record<string, { default: unknown; description?: string; markdownDescription?: string }> };
  };
}

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Manifest;

describe('package.json manifest', () => {
  it('activates on Markdown', () => {
    assert.ok(manifest.activationEvents.includes('onLanguage:markdown'));
  });

  it('gives every conferenceNotes.* setting a description and a default', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.ok(Object.keys(properties).length > 0);
    for (const [key, value] of Object.entries(properties)) {
      assert.match(key, /^conferenceNotes\./, key);
      assert.ok(value.description || value.markdownDescription, `${key} has no description`);
      assert.ok('default' in value, `${key} has no default`);
    }
  });

  it('uses the core defaults for include, exclude and nonTalkSections', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(properties['conferenceNotes.include']?.default, DEFAULT_SETTINGS.include);
    assert.deepEqual(properties['conferenceNotes.exclude']?.default, DEFAULT_SETTINGS.exclude);
    assert.deepEqual(properties['conferenceNotes.nonTalkSections']?.default, DEFAULT_SETTINGS.nonTalkSections);
  });

  it('prefixes and categorises every command', () => {
    for (const c of manifest.contributes.commands) {
      assert.match(c.command, /^conferenceNotes\./, c.command);
      assert.equal(c.category, 'Conference Notes', c.command);
    }
  });
});
