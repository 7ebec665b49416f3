// The manifest agrees with the lint core: one setting per rule with the rule's default severity, the config
// file's schema names exactly the known rules, and the Fix All command is contributed.
import { strict as assert } from 'node:assert';
import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { allRules, structureRules, KNOWN_RULE_IDS } from '../../src/core/rules';
import { RULE_SETTINGS } from '../../src/core/lintConfig';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const properties: Record<string, { default?: unknown; enum?: string[]; description?: string; markdownDescription?: string }> = pkg.contributes.configuration.properties;

describe('manifest: lint contributions', () => {
  for (const rule of allRules) {
    it(`has conferenceNotes.rules.${rule.id} with default '${rule.defaultSeverity}', a description and every severity`, () => {
      const setting = properties[`conferenceNotes.rules.${rule.id}`];
      assert.ok(setting, 'setting missing');
      assert.equal(setting.default, rule.defaultSeverity);
      assert.deepEqual([...(setting.enum ?? [])].sort(), [...RULE_SETTINGS].sort());
      assert.ok((setting.markdownDescription ?? setting.description ?? '').length > 20);
    });
  }

  it('validates .conference-notes.json with a schema that names exactly the known rules', () => {
    const entry = (pkg.contributes.jsonValidation as Array<{ fileMatch: string; url: string }>).find((j) => j.fileMatch === '.conference-notes.json');
    assert.ok(entry);
    const file = path.join(root, entry.url);
    assert.ok(existsSync(file), entry.url);
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...KNOWN_RULE_IDS].sort());
    assert.deepEqual([...schema.definitions.ruleSetting.enum].sort(), [...RULE_SETTINGS].sort());
    assert.equal(schema.additionalProperties, false);
  });

  it('contributes Conference Notes: Fix All in File', () => {
    const command = (pkg.contributes.commands as Array<{ command: string; title: string; category?: string }>).find((c) => c.command === 'conferenceNotes.fixAllInFile');
    assert.deepEqual(command && [command.category, command.title], ['Conference Notes', 'Fix All in File']);
  });

  it('documents every structure rule under its own README heading (the diagnostics link there)', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const rule of structureRules) assert.match(readme, new RegExp(`^### ${rule.id}$`, 'm'), rule.id);
  });
});
