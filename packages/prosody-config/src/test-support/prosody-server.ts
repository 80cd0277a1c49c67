/**
 * Test harness: a real Prosody (Debian's 0.12 package) on loopback, entirely inside a temp dir,
 * running a config text under test through a test-only main config that Includes it. Stub
 * plugins stand in for the Jitsi modules the package does not ship (never for a built-in), and
 * `jitsi-anonymous` re-uses Prosody's own anonymous provider. Stopped by the PID it spawned.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
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

/** Whether Prosody ships the module, looked up the way util/pluginloader does. */
function builtin(name: string): boolean {
  return [`mod_${name}.lua`, `mod_${name}/mod_${name}.lua`, `${name}/mod_${name}.lua`, `mod_${name}/${name}/mod_${name}.lua`].some((p) =>
    existsSync(join(BUILTIN_DIR, p)),
  );
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
  dir: string;
  port: number;
  /** PID of the prosody process this harness spawned. */
  pid: number;
  /** `prosodyctl register user host password` against this server's data. */
  register(user: string, host: string, password: string): Promise<void>;
  /** `prosodyctl check config` on this server's config: its exit status and what it printed. */
  checkConfig(): Promise<{ status: number; output: string }>;
  stop(): Promise<void>;
}

/** Starts Prosody with `text` (a latin1 per-host config) included; resolves once c2s listens. */
export async function startProsody(text: string): Promise<ProsodyServer> {
  // A short path: Prosody 0.12.3 crashes on duplicate options in files with long paths.
  const dir = mkdtempSync(join(tmpdir(), 'pe-'));
  let proc: ChildProcess | undefined;
  const cleanup = async (): Promise<void> => {
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((resolve) => proc!.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc?.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    mkdirSync(join(dir, 'certs'));
    mkdirSync(join(dir, 'data'));
    mkdirSync(join(dir, 'stub-plugins'));
    for (const m of referencedModules(text)) {
      if (builtin(m)) continue;
      const stub =
        m === 'auth_jitsi-anonymous'
          ? `local chunk = assert(loadfile("${BUILTIN_DIR}/mod_auth_anonymous.lua", "t", _ENV));\nreturn chunk(...);\n`
          : '-- test stub\n';
      writeFileSync(join(dir, 'stub-plugins', `mod_${m}.lua`), stub);
    }
    const hostFile = join(dir, 'host.cfg.lua');
    writeFileSync(hostFile, text, 'latin1');
    const port = await freePort();
    const httpPort = await freePort();
    const config = join(dir, 'prosody.cfg.lua');
    writeFileSync(config, overlay(dir, port, httpPort, hostFile));
    const log = join(dir, 'prosody.log');
    proc = spawn('prosody', ['--config', config, '-F'], { stdio: ['ignore', 'pipe', 'pipe'] });
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
      dir,
      port,
      pid: proc.pid!,
      register: async (user, host, password) => {
        await run('prosodyctl', ['--config', config, 'register', user, host, password]);
      },
      checkConfig: async () => {
        try {
          const { stdout, stderr } = await run('prosodyctl', ['--config', config, 'check', 'config']);
          return { status: 0, output: stdout + stderr };
        } catch (e) {
          const failed = e as { code?: unknown; stdout?: string; stderr?: string };
          if (typeof failed.code !== 'number') throw e;
          return { status: failed.code, output: (failed.stdout ?? '') + (failed.stderr ?? '') };
        }
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
  client(options: {
    service: string;
    domain: string;
    credentials: (authenticate: Authenticate, mechanisms: string[]) => Promise<void>;
  }): XmppClient;
}

/**
 * Logs in to `domain` with one SASL mechanism; resolves to the bound JID, or rejects with why
 * (`ANONYMOUS not offered (offered: ...)`, `not-authorized`, `host-unknown`, ...).
 */
export async function login(
  port: number,
  domain: string,
  mechanism: 'ANONYMOUS' | 'PLAIN',
  credentials: { username?: string; password?: string } = {},
): Promise<string> {
  const { client } = (await import('@xmpp/client' as string)) as XmppModule;
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
