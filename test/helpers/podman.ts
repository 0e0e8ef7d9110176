// Podman for the container test: the real Containerfile built against local stand-ins for the
// Node base images (test/container/base-image.sh), containers on the host network, and every
// container and volume a test made removed afterwards.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CONF = fileURLToPath(new URL('../../../test/container/containers.conf', import.meta.url));
const BASE_IMAGE = fileURLToPath(new URL('../../../test/container/base-image.sh', import.meta.url));
/** The tag the test builds: one name, so a second run reuses the layers of the first. */
export const TEST_IMAGE = 'localhost/ae-demo:test';

/** Podman's environment: this repository's containers.conf unless one is given. */
const env = { CONTAINERS_CONF: process.env.CONTAINERS_CONF ?? CONF };

/** Why the container test cannot run here, or false. In CI it must run: no reason is accepted. */
export function containerSkip(): string | false {
  if (process.env.CI || process.env.AE_DEMO_REQUIRE_CONTAINERS) return false;
  const found = (process.env.PATH ?? '').split(':').some((d) => existsSync(`${d}/podman`));
  return found ? false : 'podman is not installed, so no container can run here (CI installs it)';
}

/** Runs podman; throws with its stderr when it fails. */
export async function podman(args: string[], timeoutMs = 60_000): Promise<string> {
  const r = await execa('podman', args, {
    env,
    timeout: timeoutMs,
    reject: false,
    stdin: 'ignore',
  });
  if (r.exitCode !== 0)
    throw new Error(`podman ${args.slice(0, 2).join(' ')} failed (${r.exitCode}): ${r.stderr}`);
  return String(r.stdout);
}

/** Builds the Containerfile at the root into TEST_IMAGE, making the base stand-ins if missing. */
export async function buildImage(timeoutMs: number): Promise<void> {
  await execa('bash', [BASE_IMAGE], { env, timeout: timeoutMs, stdin: 'ignore' });
  // docker format keeps the HEALTHCHECK (OCI images have no field for it).
  await podman(
    ['build', '--network', 'host', '--format', 'docker', '-t', TEST_IMAGE, ROOT],
    timeoutMs,
  );
}

/** The image's size in bytes, as podman reports it. */
export async function imageBytes(): Promise<number> {
  return Number(await podman(['image', 'inspect', TEST_IMAGE, '--format', '{{.Size}}']));
}

/** Starts a node container on the host network with these AE_* variables and a named volume. */
export async function runNode(name: string, vars: Record<string, string>): Promise<void> {
  const e = Object.entries(vars).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  // No healthcheck timer (it needs systemd); `podman healthcheck run` still runs the check.
  await podman([
    'run',
    '-d',
    '--name',
    name,
    '--network',
    'host',
    '--health-interval',
    'disable',
    '-v',
    `${name}:/data`,
    ...e,
    TEST_IMAGE,
  ]);
}

/** Removes the containers and their volumes, whatever state they are in. */
export async function removeAll(names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await podman(['rm', '-f', '-t', '0', '--ignore', ...names]).catch(() => undefined);
  await podman(['volume', 'rm', '-f', ...names]).catch(() => undefined);
}
