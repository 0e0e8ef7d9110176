// What the README and the sources point a reader to must be there: a cited file exists in the
// repository, and a block of commands does what its comment promises.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** Paths a reader would look for in the repository start with one of these folders. */
const REPO_PATH = /^(?:bench|bin|demo|docs|shared|src|test)\/[\w./-]*[\w/]$/;

/** Every `code span` and link target of the prose (fenced blocks left out). */
function cited(markdown: string): string[] {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
  const spans = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  const links = [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
  return [...spans, ...links].filter((p) => REPO_PATH.test(p));
}

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

describe('what the README and the sources cite', () => {
  it('every repository path the README names exists', () => {
    const paths = cited(README);
    assert.ok(paths.includes('docs/http-api.md'), 'the README names the HTTP contract');
    assert.ok(paths.includes('docs/cli.md'), 'the README names the CLI contract');
    const missing = paths.filter((p) => !existsSync(join(ROOT, p)));
    assert.deepEqual(missing, []);
  });

  it('every file the README links to ships in the package', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    const shipped = (p: string): boolean =>
      pkg.files.some((f) => p === f || p.startsWith(`${f.replace(/\/$/, '')}/`));
    const linkedDocs = cited(README).filter((p) => p.startsWith('docs/'));
    assert.ok(linkedDocs.length > 0, 'the README links to files under docs/');
    assert.deepEqual(
      linkedDocs.filter((p) => !shipped(p)),
      [],
      'a README read on the registry or in node_modules would have dead links',
    );
  });

  it('every document a source comment names exists', () => {
    const missing: string[] = [];
    for (const file of [...sources('src'), ...sources('demo')]) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/[\w./-]*\b(?:docs|spec)\/[\w.-]+\.md/g)) {
        const cite = m[0].replace(/^(?:\.\.\/)+/, '');
        if (!existsSync(join(ROOT, cite))) missing.push(`${file}: ${m[0]}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('the seed guide by hand asks every node it started for its snapshot', () => {
    const section = README.slice(README.indexOf('## Try the seed guide by hand'));
    const body = section.slice(0, section.indexOf('\n## ', 1));
    const started = body.match(/ae-demo node --port \d+/g) ?? [];
    const asked = new Set(body.match(/localhost:\d+\/merkle\/snapshot/g) ?? []);
    assert.equal(started.length, 3);
    assert.match(body, /three different roots/);
    assert.equal(asked.size, started.length);
  });
});
