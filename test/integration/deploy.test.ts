// compose.yaml as Compose reads it, and deploy/kubernetes as kubectl renders it (`kubectl kustomize`), checked offline against the
// Kubernetes schemas (kubernetes-models: each kind's OpenAPI schema with a JSON-schema
// validator), and for what the README promises of it.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { parse, parseAllDocuments } from 'yaml';
import { ROOT } from '../helpers/podman.js';

const KUBECTL = process.env.AE_DEMO_KUBECTL ?? 'kubectl';
/** The models that validate each kind the render may hold. */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  StatefulSet,
  Service,
  Secret,
};

/** The render's documents, with cluster.env (the key, which the user writes) in a copy. */
async function render(dir: string): Promise<any[]> {
  await writeFile(join(dir, 'cluster.env'), 'AE_CLUSTER_KEY=rendered-in-a-test\n');
  const out = await execa(KUBECTL, ['kustomize', dir]);
  return parseAllDocuments(out.stdout).map((d) => d.toJS());
}

/** Every document validated by its kind's schema; the errors, one line each. */
function problems(docs: any[]): string[] {
  return docs.flatMap((doc) => {
    const Model = MODELS[doc.kind];
    if (!Model) return [`${doc.kind}: no schema to check it against`];
    try {
      new Model(doc).validate();
      return [];
    } catch (error) {
      return [`${doc.kind} ${doc.metadata?.name}: ${(error as Error).message}`];
    }
  });
}

const skip =
  !process.env.CI && !process.env.AE_DEMO_REQUIRE_CONTAINERS && !(await has(KUBECTL))
    ? 'kubectl is not installed, so deploy/kubernetes cannot be rendered here'
    : false;

async function has(command: string): Promise<boolean> {
  return (await execa(command, ['version', '--client'], { reject: false })).exitCode === 0;
}

describe('deploy/kubernetes', { skip }, () => {
  let dir: string;
  let docs: any[];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ae-kustomize-'));
    await cp(join(ROOT, 'deploy/kubernetes'), dir, { recursive: true });
    docs = await render(dir);
  });
  after(() => rm(dir, { recursive: true, force: true }));
  /** The document of this kind and name (a generated Secret's name ends in a hash). */
  const one = (kind: string, name: string) =>
    docs.find(
      (d) =>
        d.kind === kind &&
        (d.metadata.name === name || (kind === 'Secret' && d.metadata.name.startsWith(`${name}-`))),
    );

  it('renders to documents the Kubernetes schemas accept', () => {
    assert.deepEqual(docs.map((d) => d.kind).sort(), [
      'Secret',
      'Service',
      'Service',
      'StatefulSet',
    ]);
    assert.deepEqual(problems(docs), []);
  });

  it('the schemas would catch a mistake', () => {
    const wrong = structuredClone(one('StatefulSet', 'ae'));
    wrong.spec.replicas = 'three';
    wrong.spec.template.spec.containers[0].readinessProbe.httpGet.port = { name: 'http' };
    assert.equal(problems([wrong]).length, 1);
  });

  it('a StatefulSet with volumes, probes on /health, requests and the key from the Secret', () => {
    const set = one('StatefulSet', 'ae');
    assert.equal(set.spec.serviceName, 'ae');
    assert.equal(set.spec.volumeClaimTemplates[0].metadata.name, 'data');
    const node = set.spec.template.spec.containers[0];
    assert.equal(node.readinessProbe.httpGet.path, '/health');
    assert.equal(node.livenessProbe.httpGet.path, '/health');
    assert.ok(node.resources.requests.cpu && node.resources.requests.memory);
    const env = Object.fromEntries(node.env.map((e: any) => [e.name, e]));
    assert.equal(env.AE_PEERS.value, 'ae-0.ae:9999,ae-1.ae:9999,ae-2.ae:9999');
    // kustomize names the generated Secret with a hash and the reference follows it.
    const secret = one('Secret', 'ae-cluster-key');
    assert.equal(env.AE_CLUSTER_KEY.valueFrom.secretKeyRef.name, secret.metadata.name);
    assert.ok(secret.data.AE_CLUSTER_KEY);
  });

  it('a headless Service that publishes pods before they are ready, and a client Service', () => {
    const headless = one('Service', 'ae');
    assert.equal(headless.metadata.name, 'ae');
    assert.equal(headless.spec.clusterIP, 'None');
    assert.equal(headless.spec.publishNotReadyAddresses, true);
    assert.equal(one('Service', 'ae-client').spec.ports[0].port, 9999);
  });
});

describe('compose.yaml', () => {
  it('three nodes, each with a named volume and the key from cluster.env, and no version key', async () => {
    const compose = parse(await readFile(join(ROOT, 'compose.yaml'), 'utf8'), { merge: true });
    assert.equal(compose.version, undefined);
    assert.deepEqual(Object.keys(compose.services), ['ae-1', 'ae-2', 'ae-3']);
    for (const [name, service] of Object.entries<any>(compose.services)) {
      assert.equal(service.build, '.');
      assert.equal(service.env_file, 'cluster.env');
      assert.equal(service.hostname, name);
      assert.equal(service.environment.AE_ID, name);
      assert.equal(service.environment.AE_PEERS, 'ae-1:9999,ae-2:9999,ae-3:9999');
      const [volume, mount] = service.volumes[0].split(':');
      assert.equal(mount, '/data');
      assert.ok(volume in compose.volumes, `${volume} is a named volume`);
    }
  });
});
