// A file named on the command line that cannot be read is said in words, not as an errno code.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { describe, it } from 'node:test';
import { whyUnreadable } from '../../../src/cli/flags/file-reason.js';

const failure = (file: string) =>
  readFile(file, 'utf8').then(
    () => undefined,
    (e: unknown) => e,
  );

describe('whyUnreadable', () => {
  it('says a missing file and a folder in words', async () => {
    assert.equal(whyUnreadable(await failure('/nonexistent/key')), 'there is no such file');
    assert.equal(whyUnreadable(await failure(os.tmpdir())), 'it is a folder, not a file');
  });

  it('falls back to the system message for anything else', () => {
    const odd = Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' });
    assert.equal(whyUnreadable(odd), 'EMFILE: too many open files');
  });
});
