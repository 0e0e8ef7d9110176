// html-validate (the W3C content model and accessibility rules) on a document the product writes,
// configured by the repository's .htmlvalidate.json: each problem as one line a person can act on.
import { fileURLToPath } from 'node:url';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';

/** The repository's root (dist/test/helpers -> ../../../), where .htmlvalidate.json lives. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const validator = new HtmlValidate(new FileSystemConfigLoader());

/** Every problem html-validate finds in `markup` ("line:column rule: message"); none when valid. */
export async function htmlProblems(markup: string, name: string): Promise<string[]> {
  // Named as a file in the repository, so the loader finds the checked-in configuration.
  const report = await validator.validateString(markup, `${ROOT}${name}.html`);
  return report.results.flatMap((r) =>
    r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
  );
}
