// chaos's --faults and --schedule: the kinds of fault named (or `all`), and a saved schedule
// read back and checked, each mistake refused with one sentence before any node starts.
import { readFileSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { FAULT_KINDS, type FaultKind, type Schedule, type Step } from '../../story/chaos.js';

/** --faults: a comma-separated list of kinds, or `all`. */
export function parseFaults(raw: string): FaultKind[] {
  if (raw.trim() === 'all') return [...FAULT_KINDS];
  const named = raw
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  const unknown = named.find((k) => !(FAULT_KINDS as readonly string[]).includes(k));
  if (unknown !== undefined || named.length === 0)
    throw new UsageError(
      `--faults takes a list of ${FAULT_KINDS.join(', ')} (or all), not "${(unknown ?? raw).slice(0, 40)}".`,
    );
  return [...new Set(named as FaultKind[])];
}

/** The steps that name a node: writes, heals, restarts and every kind of fault. */
const NODE_OPS: readonly string[] = ['put', 'del', 'heal', 'restart', ...FAULT_KINDS];
const DISTS: Record<string, string[]> = {
  fixed: ['ms'],
  uniform: ['minMs', 'maxMs'],
  exponential: ['meanMs'],
};

type Fields = Record<string, unknown>;
const isInt = (v: unknown, min: number, max: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const nodeList = (v: unknown, n: number) =>
  Array.isArray(v) && v.length > 0 && v.every((k) => isInt(k, 1, n));

/** Whether one step is well formed for a cluster of n nodes. */
function goodStep(s: Fields, n: number): boolean {
  if (!isInt(s.id, 0, Number.MAX_SAFE_INTEGER) || typeof s.op !== 'string') return false;
  if (s.op === 'settle') return true;
  if (!NODE_OPS.includes(s.op) || !isInt(s.node, 1, n)) return false;
  switch (s.op) {
    case 'put':
    case 'del':
      return isInt(s.key, 0, Number.MAX_SAFE_INTEGER) && typeof s.direct === 'boolean';
    case 'partition':
      return nodeList(s.peers, n);
    case 'latency': {
      const l = s.latency as Fields | null;
      const fields = typeof l === 'object' && l !== null ? DISTS[String(l.dist)] : undefined;
      return (
        (s.peer === null || isInt(s.peer, 1, n)) &&
        fields !== undefined &&
        fields.every((f) => isInt(l![f], 0, 60_000))
      );
    }
    case 'loss':
    case 'duplicate':
    case 'reorder':
      return typeof s.p === 'number' && s.p >= 0 && s.p <= 1;
    case 'asymmetric':
      return isInt(s.peer, 1, n);
    case 'bridge':
      return (
        Array.isArray(s.halves) && s.halves.length === 2 && s.halves.every((h) => nodeList(h, n))
      );
    case 'skew':
      return isInt(s.ms, -86_400_000, 86_400_000);
    default:
      return true;
  }
}

/** A schedule saved by chaos, read from `file` and checked for a cluster of `nodes` nodes. */
export function readSchedule(file: string, nodes: number): Schedule {
  let parsed: Fields;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Fields;
  } catch (error) {
    throw new UsageError(
      `--schedule ${file} cannot be read as JSON (${(error as Error).message.slice(0, 80)}).`,
    );
  }
  if (!isInt(parsed.nodes, 2, 9) || !Array.isArray(parsed.steps) || !Array.isArray(parsed.faults))
    throw new UsageError(
      `--schedule ${file} is not a schedule chaos saved ({"nodes", "faults", "steps"}).`,
    );
  if (parsed.nodes !== nodes)
    throw new UsageError(
      `--schedule ${file} was made for ${parsed.nodes} nodes; add --nodes ${parsed.nodes}.`,
    );
  const faults = parseFaults(parsed.faults.join(','));
  const bad = (parsed.steps as Fields[]).findIndex(
    (s) => typeof s !== 'object' || s === null || !goodStep(s, nodes),
  );
  if (bad >= 0)
    throw new UsageError(`--schedule ${file}: step ${bad + 1} is not a step chaos can play.`);
  return { nodes, faults, steps: parsed.steps as Step[] };
}
