// Draws where two Merkle trees differ, as a small tree: root, differing branches, then keys.
import chalk from 'chalk';
import type { DiffNode, KeyDifference } from '../../cluster/tree-diff.js';
import { entriesVs, shortHash, treePath, versionTime } from '../../format.js';
import { wrap } from './wrap.js';

/** Adds a line of the tree: its text, and the prefix of its continuation lines. */
type AddLine = (first: string, rest: string) => void;

/**
 * The tree of where `a` and `b` differ, each line after `indent`; wrapped to `width` (the
 * terminal's) with continuation lines under the text of their item, the tree's bars kept.
 */
export function drawTreeDiff(
  a: string,
  b: string,
  diff: DiffNode,
  indent = '',
  width?: number,
): string[] {
  const lines = [indent + chalk.bold(`${a} vs ${b}`)];
  const add: AddLine = (first, rest) => {
    const text = indent + first;
    const lead = /^ */.exec(text)![0].length;
    lines.push(wrap(text, width, (indent + rest).slice(lead)));
  };
  const [left, right] = diff.digests;
  const counts = chalk.dim(entriesVs(diff.counts[0], diff.counts[1]));
  add(
    `root ${chalk.red(shortHash(left))} ≠ ${chalk.red(shortHash(right))}   ${counts}`,
    below(diff),
  );
  draw(diff, '', a, b, add);
  return lines;
}

/** What a continuation line shows under an item: the bar down to its children, if it has any. */
function below(node: DiffNode): string {
  return node.children.length + node.keys.length > 0 ? '│  ' : '   ';
}

function draw(node: DiffNode, indent: string, a: string, b: string, add: AddLine): void {
  const items: (DiffNode | KeyDifference)[] = [...node.children, ...node.keys];
  items.forEach((item, i) => {
    const last = i === items.length - 1 && node.hiddenChildren === 0;
    const branch = `${indent}${last ? '└─' : '├─'} `;
    const next = `${indent}${last ? '   ' : '│  '}`;
    if ('key' in item) {
      add(
        `${branch}${chalk.bold(item.key)}   ${side(a, item.a)}  ≠  ${side(b, item.b)}`,
        `${next}   `,
      );
      return;
    }
    const kind = item.keys.length > 0 || item.children.length === 0 ? 'leaf' : 'branch';
    const equal =
      item.equalChildren > 0
        ? chalk.dim(
            `(${item.equalChildren} of 16 ${item.keys.length > 0 ? 'leaves' : 'branches'} below equal: not visited)`,
          )
        : '';
    const where = `${kind} ${treePath(item.level, item.index)}`.padEnd(11);
    const [left, right] = item.digests;
    add(
      `${branch}${where} ${shortHash(left)} ≠ ${shortHash(right)}   ${equal}`.trimEnd(),
      `${next}${below(item)}`,
    );
    draw(item, next, a, b, add);
  });
  if (node.hiddenChildren > 0)
    add(
      `${indent}└─ ${chalk.dim(`${node.hiddenChildren} more differing branches`)}`,
      `${indent}   `,
    );
}

function side(node: string, state: KeyDifference['a']): string {
  if (!state) return chalk.dim(`${node} (none)`);
  return `${node} ${versionTime(state.version)}${state.deleted ? ' (deleted)' : ''}`;
}
