import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BIN = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

/** Quiet, offline-safe wrangler: no metrics, no cf fetch (the machines have no internet). */
export const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_UPDATE_NOTIFIER: '1' };

export function run(cmd: string, args: string[], opts: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: WRANGLER_ENV, stdio: opts.quiet ? 'pipe' : 'inherit' });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${output}`))));
  });
}

/** Starts a long-running child with its output prefixed, and returns it for stopping later. */
export function startService(name: string, cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; quiet?: boolean; detached?: boolean } = {}): ChildProcess {
  // `detached` puts the child in its own process group, so it (and workerd under it) can be killed together.
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...WRANGLER_ENV, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached });
  const prefix = (chunk: Buffer) =>
    opts.quiet
      ? undefined
      : process.stdout.write(
          chunk
            .toString()
            .split('\n')
            .filter((l) => l.trim())
            .map((l) => `[${name}] ${l}\n`)
            .join(''),
        );
  child.stdout?.on('data', prefix);
  child.stderr?.on('data', prefix);
  return child;
}

export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = res.status;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (last: ${String(last)})`);
}

export function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** A free loopback port (asked of the OS, then released for the caller to bind). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
