// Usage failures as sentences: the nearest command by edit distance, an example for a missing argument.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nearest, usageSentence } from '../../../src/cli/yargs/usage.js';

const NAMES = ['run', 'node', 'inspect', 'cluster', 'put', 'del', 'trigger', 'diff', 'simulate'];

describe('nearest', () => {
  it('picks the command a slip of the fingers meant', () => {
    assert.equal(nearest('rnu', NAMES), 'run');
    assert.equal(nearest('inpsect', NAMES), 'inspect');
    assert.equal(nearest('Simulte', NAMES), 'simulate');
    assert.equal(nearest('triger', NAMES), 'trigger');
  });

  it('ties go to the first listed', () => {
    assert.equal(nearest('pu', ['put', 'pull']), 'put');
  });
});

describe('usageSentence', () => {
  it('an unknown command, even after a global flag, names the nearest', () => {
    for (const args of [['rnu'], ['--verbose', 'rnu', '--keys', '5']])
      assert.equal(
        usageSentence('Did you mean run?', args, NAMES),
        'There is no command "rnu"; did you mean "run"? (ae-demo --help lists them all)',
      );
  });

  it('a missing argument shows an example to copy', () => {
    const yargs = 'Not enough non-option arguments: got 0, need at least 2';
    assert.match(usageSentence(yargs, ['put'], NAMES), /^put needs a key and a value, for example/);
    assert.match(usageSentence(yargs, ['del'], NAMES), /"ae-demo del user:alice"\.$/);
  });

  it("other failures keep yargs' words", () => {
    assert.equal(
      usageSentence('Unknown argument: bogus', ['run', '--bogus'], NAMES),
      'Unknown argument: bogus',
    );
  });
});
