/**
 * Test harness: a real Prosody (Debian's 0.12 package) on loopback, entirely inside a temp dir,
 * running a config text under test through a test-only main config that Includes it. Stub
 * plugins stand in for the Jitsi modules the package does not ship (never for a built-in), and
 * `jitsi-anonymous` re-uses Prosody's own anonymous provider. Stopped by the PID it spawned.
 * With `{ rootfs }` (a Debian root filesystem of test/rootfs, e.g. Debian 13 with its Prosody 13)
 * the same runs inside it: the temp dir is under its /tmp, prosody and prosodyctl are its own,
 * and as it shares this machine's network the server listens on this machine's loopback.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import type { Rootfs } from '../../../../test/rootfs/rootfs.js';
import { evaluate } from './evaluate.js';

const run = promisify(execFile);
const BUILTIN_DIR = '/usr/lib/prosody/modules';

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether Prosody ships the module, looked up the way util/pluginloader does (`at`: the host path of an inner path). */
function builtin(name: string, at: (inner: string) => string): boolean {
  return [`mod_${name}.lua`, `mod_${name}/mod_${name}.lua`, `${name}/mod_${name}.lua`, `mod_${name}/${name}/mod_${name}.lua`].some((p) => existsSync(at(join(BUILTIN_DIR, p))));
}

/** How a command ran: its exit status (null when killed) and what it printed. */
interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Where Prosody runs: this machine, or a root filesystem. */
interface Place {
  /** Makes the temp dir: its path as Prosody sees it, and on this machine. */
  tempDir(): { inner: string; host: string };
  builtin(name: string): boolean;
  spawn(argv: string[]): ChildProcess;
  /** Ends what `spawn` started and everything it started. */
  kill(proc: ChildProcess): Promise<void>;
  run(argv: string[]): Promise<Ran>;
}

const thisMachine: Place = {
  tempDir: () => {
    // A short path: Prosody 0.12.3 crashes on duplicate options in files with long paths.
    const dir = mkdtempSync(join(tmpdir(), 'pe-'));
    return { inner: dir, host: dir };
  },
  builtin: (name) => builtin(name, (p) => p),
  spawn: ([command, ...args]) => spawn(command!, args, { stdio: ['ignore', 'pipe', 'pipe'] }),
  kill: async (proc) => {
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  },
  run: async ([command, ...args]) => {
    try {
      return { status: 0, ...(await run(command!, args)) };
    } catch (e) {
      const failed = e as { code?: unknown; stdout?: string; stderr?: string };
      if (typeof failed.code !== 'number') throw e;
      return { status: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  },
};

function inRootfs(fs: Rootfs): Place {
  const started = new Map<ChildProcess, () => Promise<void>>();
  return {
    tempDir: () => {
      const host = mkdtempSync(fs.path('/tmp/pe-'));
      return { inner: `/tmp/${basename(host)}`, host };
    },
    builtin: (name) => builtin(name, (p) => fs.path(p)),
    spawn: (argv) => {
      const server = fs.spawn(argv, { stdio: ['ignore', 'pipe', 'pipe'] });
      started.set(server.process, server.stop);
      return server.process;
    },
    kill: async (proc) => {
      await started.get(proc)?.();
      started.delete(proc);
    },
    // fs.run is synchronous: its result, or what it throws, becomes the promise Place.run returns.
    run: (argv) => new Promise((resolve) => resolve(fs.run(argv, { timeout: 60_000 }))),
  };
}

/** Every module the config refers to: modules_enabled, component modules and auth providers. */
function referencedModules(text: string): Set<string> {
  const e = evaluate(text);
  const out = new Set<string>();
  for (const h of Object.values(e.hosts)) {
    const s = h.settings;
    for (const m of Array.isArray(s.modules_enabled) ? s.modules_enabled : []) if (typeof m === 'string') out.add(m);
    if (typeof s.component_module === 'string' && s.component_module !== 'component') out.add(s.component_module);
    if (typeof s.authentication === 'string') out.add(`auth_${s.authentication}`);
  }
  return out;
}

function overlay(dir: string, c2sPort: number, httpPort: number, included: string): string {
  return `-- Test-only main config. Everything lives in this temp dir; nothing under /etc or /var is used.
run_as_root = true
data_path = "${dir}/data"
pidfile = "${dir}/prosody.pid"
certificates = "${dir}/certs"
admin_socket = "${dir}/prosody.sock"
log = { { levels = { min = "info" }, to = "file", filename = "${dir}/prosody.log" } }
interfaces = { "127.0.0.1" }
c2s_ports = { ${c2sPort} }
c2s_direct_tls_ports = { }
http_interfaces = { "127.0.0.1" }
http_ports = { ${httpPort} }
https_ports = { }
modules_enabled = { "disco"; "saslauth"; "ping" }
modules_disabled = { "s2s"; "s2s_auth_certs" }
authentication = "internal_hashed"
storage = "internal"

Include "${included}"

plugin_paths = { "${dir}/stub-plugins" }
allow_unencrypted_plain_auth = true
`;
}

export interface ProsodyServer {
  /** The temp dir, as a path on this machine. */
  dir: string;
  port: number;
  /** PID of the process this harness spawned (with `rootfs`, the one that runs prosody inside). */
  pid: number;
  /** `prosodyctl register user host password` against this server's data. */
  register(user: string, host: string, password: string): Promise<void>;
  /** `prosodyctl check config` on this server's config: its exit status and what it printed. */
  checkConfig(): Promise<{ status: number; output: string }>;
  stop(): Promise<void>;
}

/**
 * Starts Prosody with `text` (a latin1 per-host config) included; resolves once c2s listens. With
 * `rootfs`, the Prosody of that root filesystem, inside it.
 */
export async function startProsody(text: string, options: { rootfs?: Rootfs } = {}): Promise<ProsodyServer> {
  const place = options.rootfs ? inRootfs(options.rootfs) : thisMachine;
  const { inner: dir, host } = place.tempDir();
  let proc: ChildProcess | undefined;
  const cleanup = async (): Promise<void> => {
    if (proc && proc.exitCode === null && proc.signalCode === null) await place.kill(proc);
    rmSync(host, { recursive: true, force: true });
  };
  try {
    mkdirSync(join(host, 'certs'));
    mkdirSync(join(host, 'data'));
    mkdirSync(join(host, 'stub-plugins'));
    for (const m of referencedModules(text)) {
      if (place.builtin(m)) continue;
      const stub = m === 'auth_jitsi-anonymous' ? `local chunk = assert(loadfile("${BUILTIN_DIR}/mod_auth_anonymous.lua", "t", _ENV));\nreturn chunk(...);\n` : '-- test stub\n';
      writeFileSync(join(host, 'stub-plugins', `mod_${m}.lua`), stub);
    }
    writeFileSync(join(host, 'host.cfg.lua'), text, 'latin1');
    const port = await freePort();
    const httpPort = await freePort();
    const config = join(dir, 'prosody.cfg.lua');
    writeFileSync(join(host, 'prosody.cfg.lua'), overlay(dir, port, httpPort, join(dir, 'host.cfg.lua')));
    const log = join(host, 'prosody.log');
    proc = place.spawn(['prosody', '--config', config, '-F']);
    let output = '';
    proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const started = Date.now();
    for (;;) {
      const content = existsSync(log) ? readFileSync(log, 'utf8') : '';
      if (content.includes(`Activated service 'c2s' on [127.0.0.1]:${port}`)) break;
      if (content.includes('Failed to open server port') || proc.exitCode !== null || Date.now() - started > 15000) {
        throw new Error(`Prosody did not start:\n${output}\n${content}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    return {
      dir: host,
      port,
      pid: proc.pid!,
      register: async (user, domain, password) => {
        const r = await place.run(['prosodyctl', '--config', config, 'register', user, domain, password]);
        if (r.status !== 0) throw new Error(`prosodyctl register exited with ${r.status}:\n${r.stdout}${r.stderr}`);
      },
      checkConfig: async () => {
        const r = await place.run(['prosodyctl', '--config', config, 'check', 'config']);
        if (r.status === null) throw new Error(`prosodyctl check config was killed:\n${r.stdout}${r.stderr}`);
        return { status: r.status, output: r.stdout + r.stderr };
      },
      stop: cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

interface XmppClient {
  reconnect: { stop(): void };
  on(event: 'error', fn: (e: Error) => void): void;
  start(): Promise<{ toString(): string }>;
  stop(): Promise<void>;
}
type Authenticate = (credentials: Record<string, string>, mechanism: string) => Promise<void>;
interface XmppModule {
  client: (options: { service: string; domain: string; credentials: (authenticate: Authenticate, mechanisms: string[]) => Promise<void> }) => XmppClient;
}

/**
 * Logs in to `domain` with one SASL mechanism; resolves to the bound JID, or rejects with why
 * (`ANONYMOUS not offered (offered: ...)`, `not-authorized`, `host-unknown`, ...).
 */
export async function login(port: number, domain: string, mechanism: 'ANONYMOUS' | 'PLAIN', credentials: { username?: string; password?: string } = {}): Promise<string> {
  // @xmpp/client ships no types: a specifier typed `string` keeps TypeScript from resolving it, and
  // XmppModule types the little used here.
  const specifier: string = '@xmpp/client';
  const { client } = (await import(specifier)) as XmppModule;
  const xmpp = client({
    service: `xmpp://127.0.0.1:${port}`,
    domain,
    credentials: async (authenticate, mechanisms) => {
      if (!mechanisms.includes(mechanism)) throw new Error(`${mechanism} not offered (offered: ${[...mechanisms].sort().join(',')})`);
      await authenticate(mechanism === 'PLAIN' ? { username: credentials.username ?? '', password: credentials.password ?? '' } : {}, mechanism);
    },
  });
  xmpp.reconnect.stop();
  let failure: Error | undefined;
  xmpp.on('error', (e) => (failure ??= e));
  try {
    const jid = await xmpp.start();
    return jid.toString();
  } catch (e) {
    throw failure ?? e;
  } finally {
    await xmpp.stop().catch(() => undefined);
  }
}

/** Why a login that must fail failed (its message); throws when it succeeded. */
export async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the login to fail');
}
