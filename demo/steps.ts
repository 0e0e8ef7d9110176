// The steps scenarios share, one file per job: read the cluster, write, show the story, verify,
// combine results, and the repair every scenario ends with.
export { byNode, ids, idOf, othersThan, readKeys, roots, snapshots } from './steps/read.js';
export { background, loadBackground, put } from './steps/write.js';
export { showKeys, showStates, showTreeDifferences, triggerAndShow } from './steps/show.js';
export { expectEverywhere, verify, winners, type Verification } from './steps/verify.js';
export { combine, outcome } from './steps/result.js';
export { repairAndVerify, repairParts } from './steps/repair.js';
export { BEFORE, showBefore } from './steps/before.js';
