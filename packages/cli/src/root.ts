/**
 * The server's root (--root DIR, default /) and how paths are resolved inside it. Under a root
 * other than /, a path is resolved the way a process chroot(2)ed into DIR would see it: an
 * absolute path starts at DIR, `..` never climbs above DIR, and a symlink is followed inside DIR
 * (an absolute target such as Debian's `conf.d/<host>.cfg.lua -> /etc/prosody/conf.avail/…` is
 * taken inside DIR too). No path given under --root can reach a file outside it.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FileError, UsageError } from './errors.js';

/** As many symlinks as Linux follows in one path before ELOOP. */
const MAX_LINKS = 40;

export class Root {
  /** The root as a real absolute path; '/' for the machine itself. */
  readonly dir: string;
  /** The root as given (absolute, its own symlinks not resolved): paths in messages start from it. */
  readonly given: string;

  private constructor(dir: string, given: string) {
    this.dir = dir;
    this.given = given;
  }

  /** The machine's own root: paths are used as they are. */
  static readonly system = new Root('/', '/');

  /** DIR (relative to `cwd`), which must be a directory; its own symlinks are resolved first. */
  static at(dir: string, cwd: string, command: string, shown: string = dir): Root {
    const given = resolve(cwd, dir);
    let real: string;
    try {
      real = realpathSync(given);
    } catch {
      throw new UsageError(`--root ${shown} does not exist`, command);
    }
    let directory = false;
    try {
      directory = lstatSync(real).isDirectory();
    } catch {
      // vanished meanwhile: not a directory
    }
    if (!directory) throw new UsageError(`--root ${shown} is not a directory`, command);
    return real === '/' ? Root.system : new Root(real, given);
  }

  get confined(): boolean {
    return this.dir !== '/';
  }

  /**
   * The path on this machine of `path`, an absolute path as seen from inside the root, with every
   * symlink resolved inside the root. Components that do not exist are kept as they are (the
   * caller's read then says "no such file").
   */
  resolve(path: string): string {
    if (!this.confined) return resolve('/', path);
    const pending = path.split('/').filter((p) => p !== '' && p !== '.');
    const done: string[] = [];
    let links = 0;
    while (pending.length > 0) {
      const part = pending.shift() as string;
      if (part === '.') continue;
      if (part === '..') {
        done.pop();
        continue;
      }
      const target = this.linkAt(join(this.dir, ...done, part));
      if (target === undefined) {
        done.push(part);
        continue;
      }
      if (++links > MAX_LINKS) {
        const shown = `/${[...done, part].join('/')}`;
        throw new FileError(shown, `cannot resolve ${shown} under --root: too many levels of symbolic links`);
      }
      if (isAbsolute(target)) done.length = 0;
      pending.unshift(...target.split('/').filter((p) => p !== '' && p !== '.'));
    }
    return join(this.dir, ...done);
  }

  /** What each path looked at is (a symlink's target, or undefined), asked once per run: the layout asks for the same directories again and again. */
  private readonly links = new Map<string, string | undefined>();

  private linkAt(path: string): string | undefined {
    if (this.links.has(path)) return this.links.get(path);
    let target: string | undefined;
    try {
      if (lstatSync(path).isSymbolicLink()) target = readlinkSync(path);
    } catch {
      // missing (or unreadable): the rest is taken as written, still inside the root
    }
    this.links.set(path, target);
    return target;
  }

  /**
   * The path on this machine of a path typed on the command line: an absolute one is taken inside
   * the root; a relative one is relative to the working directory and must lead inside the root.
   */
  resolveGiven(path: string, cwd: string, command: string): string {
    if (!this.confined) return resolve(cwd, path);
    if (isAbsolute(path)) return this.resolve(path);
    const absolute = resolve(cwd, path);
    const inside = [this.given, this.dir].map((base) => relative(base, absolute)).find((rel) => !escapes(rel));
    if (inside === undefined) {
      throw new UsageError(`${path} is outside --root ${this.given}: under --root, a relative path must lead inside DIR (an absolute one is taken inside DIR)`, command);
    }
    return this.resolve(`/${inside}`);
  }

  /** The path on this machine of `rel`, a path of the Debian layout relative to the root ('etc/…'). */
  layout(rel: string): string {
    return this.confined ? this.resolve(`/${rel}`) : join('/', rel);
  }

  /** Where `rel` is in the root, before any symlink is followed (`..` stops at the root): what messages show. */
  lexical(rel: string): string {
    return join(this.given, resolve('/', rel));
  }
}

function escapes(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}
