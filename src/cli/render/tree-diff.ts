// Draws where two Merkle trees differ, as a small tree: root, differing branches, then keys.
import chalk from 'chalk';
import type { DiffNode, KeyDifference } from '../../cluster/tree-diff.js';
import { entriesVs, shortHash, treePath, versionTime } from '../../format.js';

export function drawTreeDiff(a: string, b: string, diff: DiffNode): string[] {
  const lines = [chalk.bold(`${a} vs ${b}`)];
  const [left, right] = diff.digests;
  const counts = chalk.dim(entriesVs(diff.counts[0], diff.counts[1]));
  lines.push(`root ${chalk.red(shortHash(left))} ≠ ${chalk.red(shortHash(right))}   ${counts}`);
  draw(diff, '', a, b, lines);
  return lines;
}

function draw(node: DiffNode, indent: string, a: string, b: string, lines: string[]): void {
  const items: (DiffNode | KeyDifference)[] = [...node.children, ...node.keys];
  items.forEach((item, i) => {
    const last = i === items.length - 1 && node.hiddenChildren === 0;
    const branch = `${indent}${last ? '└─' : '├─'} `;
    const next = `${indent}${last ? '   ' : '│  '}`;
    if ('key' in item) {
      lines.push(`${branch}${chalk.bold(item.key)}   ${side(a, item.a)}  ≠  ${side(b, item.b)}`);
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
    lines.push(`${branch}${where} ${shortHash(left)} ≠ ${shortHash(right)}   ${equal}`);
    draw(item, next, a, b, lines);
  });
  if (node.hiddenChildren > 0)
    lines.push(`${indent}└─ ${chalk.dim(`${node.hiddenChildren} more differing branches`)}`);
}

function side(node: string, state: KeyDifference['a']): string {
  if (!state) return chalk.dim(`${node} (none)`);
  return `${node} ${versionTime(state.version)}${state.deleted ? ' (deleted)' : ''}`;
}
