// A randomized, reproducible run against a real cluster with data directories: puts and
// deletes, direct and replicated, through random nodes, with the chosen kinds of fault among
// them (partitions, kill -9 and restarts, and the network's: latency, loss, duplication,
// reordering, asymmetric cuts, bridges, clock skew); every few operations every fault is healed
// and the time to converge measured; at the end every node must be identical and every key hold
// the last-write-wins maximum of the acknowledged writes: nothing acknowledged lost, nothing
// deleted come back, nothing from nowhere. The nodes run with hinted handoff on, and the report
// says how many writes each path repaired. A failing schedule is shrunk to a shorter one that
// still fails.
import { quantiles } from '../src/quantiles.js';
import type { Schedule } from '../src/story/chaos.js';
import type { ChaosPlan, ChaosReport } from '../src/story/scenario.js';
import { play } from './chaos/play.js';
import { countingRepairs } from './chaos/repaired.js';
import { makeSchedule } from './chaos/schedule.js';
import type { ChaosCluster } from './chaos/settle.js';
import { shrink } from './chaos/shrink.js';

/** Plays the plan's schedule (made from its seed unless given), checks, and shrinks a failure. */
export async function chaos(
  cluster: ChaosCluster,
  plan: ChaosPlan,
  progress: (line: string) => void,
): Promise<ChaosReport> {
  const schedule =
    plan.schedule ?? makeSchedule(plan.seed, cluster.nodes.length, plan.ops, plan.faults);
  const conflicts = plan.conflicts;
  const counted = countingRepairs(cluster);
  const atStart = await counted.total();
  const options = { seed: plan.seed, tag: '', progress, conflicts };
  const played = await play(counted.cluster, schedule, options);
  const atEnd = await counted.total();
  const report: ChaosReport = {
    seed: plan.seed,
    ops: schedule.steps.length,
    faults: schedule.faults,
    counts: played.counts,
    keys: played.keys,
    repairRounds: played.repairRounds,
    converged: played.converged,
    convergenceMs: quantiles(played.convergence),
    repairBytes: played.repairBytes,
    violations: played.violations,
    repairedBy: {
      hint: atEnd.hint - atStart.hint,
      readRepair: atEnd.readRepair - atStart.readRepair,
      antiEntropy: atEnd.antiEntropy - atStart.antiEntropy,
    },
    ...(played.conflicts ? { conflicts: played.conflicts } : {}),
    ...(played.overwritten !== undefined ? { overwritten: played.overwritten } : {}),
  };
  if (played.violations.length > 0 && plan.shrink)
    report.shrunk = await shrunk(cluster, schedule, plan, progress);
  return report;
}

/** A shorter schedule that still fails, replayed on the same nodes under fresh keys. */
async function shrunk(
  cluster: ChaosCluster,
  schedule: Schedule,
  { seed, conflicts }: ChaosPlan,
  progress: (line: string) => void,
): Promise<ChaosReport['shrunk']> {
  let replay = 0;
  let violations: string[] = [];
  const quiet = () => undefined;
  progress(`shrinking the ${schedule.steps.length} steps to fewer that still fail`);
  const result = await shrink(schedule.steps, async (steps) => {
    replay += 1;
    const tried = await play(
      cluster,
      { ...schedule, steps },
      { seed, tag: `r${replay}:`, progress: quiet, conflicts },
    );
    const fails = tried.violations.length > 0;
    if (fails) {
      violations = tried.violations;
      progress(`replay ${replay}: ${steps.length} steps still fail`);
    }
    return fails;
  });
  return {
    from: schedule.steps.length,
    schedule: { ...schedule, steps: result.steps },
    violations: violations.length > 0 ? violations : [],
  };
}
