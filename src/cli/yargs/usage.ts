// yargs' usage failures turned into one sentence that says what to do: an unknown command names
// the nearest one, a missing argument shows a whole example to copy.

/** What a command with required arguments needs, with an example to copy. */
const NEEDS: Record<string, string> = {
  put: 'put needs a key and a value, for example "ae-demo put user:alice alice_data".',
  del: 'del needs a key, for example "ae-demo del user:alice".',
  inspect: 'inspect needs a key, for example "ae-demo inspect user:alice".',
};

/** The sentence for yargs' failure `message` on `args`, given the CLI's command names. */
export function usageSentence(
  message: string,
  args: readonly string[],
  names: readonly string[],
): string {
  // The global options are all flags, so the command is the first word that is not an option.
  const first = args.find((a) => !a.startsWith('-'));
  if (first !== undefined && !names.includes(first))
    return `There is no command "${first}"; did you mean "${nearest(first, names)}"? (ae-demo --help lists them all)`;
  if (first !== undefined && NEEDS[first] && /^Not enough non-option arguments/.test(message))
    return NEEDS[first];
  return message;
}

/** The name closest to `word` by edit distance (ties: the first listed). */
export function nearest(word: string, names: readonly string[]): string {
  let best = names[0] ?? '';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of names) {
    const d = editDistance(word.toLowerCase(), name);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = row;
  }
  return previous[b.length]!;
}
