/**
 * The HOCON oracle Jicofo itself reads with: Typesafe Config (Debian's libtypesafe-config-java),
 * run on Java 17. One JVM parses every text given (ConfigFactory.parseString, CONF syntax, includes
 * read as empty objects so nothing outside the text is read) and prints, per text, its tree as
 * JSON, or the error it refuses the text with. Values that need resolving (`${X}`, a merge with
 * one) come back as { $unresolved: true }; numbers keep Java's kind (1 vs 1.5).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HoconSubstitution, type HoconDocument, type HoconValue } from '../index.js';
import { unavailable } from '../../../../test/support/skips.js';

/** Where Debian's libtypesafe-config-java puts the library. */
export const TYPESAFE_JAR = '/usr/share/java/typesafe-config.jar';

const PROGRAM = `
import com.typesafe.config.*;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class TypesafeOracle {
  static final class NoIncludes implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
    public ConfigIncluder withFallback(ConfigIncluder fallback) { return this; }
    public ConfigObject include(ConfigIncludeContext c, String what) { return ConfigFactory.empty().root(); }
    public ConfigObject includeFile(ConfigIncludeContext c, File what) { return ConfigFactory.empty().root(); }
    public ConfigObject includeURL(ConfigIncludeContext c, java.net.URL what) { return ConfigFactory.empty().root(); }
    public ConfigObject includeResources(ConfigIncludeContext c, String what) { return ConfigFactory.empty().root(); }
  }

  static void str(StringBuilder b, String s) {
    b.append('"');
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\\\') b.append('\\\\').append(c);
      else if (c < 0x20 || c > 0x7e) b.append(String.format("\\\\u%04x", (int) c));
      else b.append(c);
    }
    b.append('"');
  }

  static void json(StringBuilder b, ConfigValue v) {
    int mark = b.length();
    try {
      switch (v.valueType()) {
        case OBJECT: {
          ConfigObject o = (ConfigObject) v;
          b.append('{');
          int n = 0;
          for (String k : new TreeSet<>(o.keySet())) {
            if (n++ > 0) b.append(',');
            str(b, k);
            b.append(':');
            json(b, o.get(k));
          }
          b.append('}');
          break;
        }
        case LIST: {
          b.append('[');
          int n = 0;
          for (ConfigValue e : (ConfigList) v) {
            if (n++ > 0) b.append(',');
            json(b, e);
          }
          b.append(']');
          break;
        }
        case STRING: str(b, (String) v.unwrapped()); break;
        case NUMBER: {
          Number x = (Number) v.unwrapped();
          if (x instanceof Double && (((Double) x).isNaN() || ((Double) x).isInfinite())) { b.append("{\\"$number\\":"); str(b, x.toString()); b.append('}'); }
          else b.append(x.toString());
          break;
        }
        case BOOLEAN: b.append(v.unwrapped().toString()); break;
        case NULL: b.append("null"); break;
      }
    } catch (ConfigException.NotResolved e) {
      b.setLength(mark);
      b.append("{\\"$unresolved\\":true}");
    }
  }

  public static void main(String[] args) throws Exception {
    ConfigParseOptions options = ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setOriginDescription("text").setIncluder(new NoIncludes());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, "US-ASCII");
    String line;
    while ((line = in.readLine()) != null) {
      String text = new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8);
      StringBuilder b = new StringBuilder();
      try {
        ConfigObject root = ConfigFactory.parseString(text, options).root();
        b.append("{\\"ok\\":");
        json(b, root);
        b.append('}');
      } catch (ConfigException e) {
        b.setLength(0);
        b.append("{\\"error\\":");
        str(b, e.getMessage());
        b.append(",\\"line\\":").append(e.origin() == null ? -1 : e.origin().lineNumber()).append('}');
      } catch (RuntimeException | StackOverflowError e) {
        // Typesafe Config 1.3.1 throws a NullPointerException for some bad keys: a refusal too.
        b.setLength(0);
        b.append("{\\"crash\\":");
        str(b, e.toString());
        b.append('}');
      }
      out.println(b);
    }
    out.flush();
  }
}
`;

/** What Typesafe Config makes of one text: its tree, the error it refuses it with, or a crash. */
export type TypesafeAnswer = { ok: Record<string, unknown> } | { error: string; line: number } | { crash: string };

/** True when Java and Debian's Typesafe Config are installed; records the skip reason (or throws under CI) when not. */
export function typesafeAvailable(): boolean {
  let java = true;
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    java = false;
  }
  if (java && existsSync(TYPESAFE_JAR)) return true;
  const missing = java ? `${TYPESAFE_JAR} (Debian package libtypesafe-config-java)` : 'java (Debian package default-jdk-headless)';
  return unavailable(`the Typesafe Config oracle tests: no ${missing}`, 'sudo bash scripts/install-system-deps.sh');
}

/** Parses each text with Typesafe Config, all in one JVM. */
export function typesafeParse(texts: readonly string[]): TypesafeAnswer[] {
  if (texts.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'confkit-typesafe-'));
  const source = join(dir, 'TypesafeOracle.java');
  try {
    writeFileSync(source, PROGRAM);
    const input = texts.map((t) => Buffer.from(t, 'utf8').toString('base64')).join('\n') + '\n';
    const result = spawnSync('java', ['-cp', TYPESAFE_JAR, source], { input, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`Typesafe Config oracle failed: ${result.stderr || result.error?.message}`);
    const answers = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as TypesafeAnswer);
    if (answers.length !== texts.length) throw new Error(`Typesafe Config answered ${answers.length} of ${texts.length} texts`);
    return answers;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The value at `keys` in a tree Typesafe Config printed; undefined when absent. */
export function typesafeAt(tree: Record<string, unknown>, keys: readonly string[]): unknown {
  let current: unknown = tree;
  for (const key of keys) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || isUnresolved(current)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function isUnresolved(v: unknown): boolean {
  return v !== null && typeof v === 'object' && (v as Record<string, unknown>).$unresolved === true;
}

/** A value get() returned, in the form the oracle prints: substitutions as { $unresolved: true }. */
export function oracleForm(value: HoconValue | undefined): unknown {
  if (value instanceof HoconSubstitution) return { $unresolved: true };
  if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
  if (Array.isArray(value)) return value.map(oracleForm);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, oracleForm(v)]));
  return value;
}

/** The whole document as the oracle prints it. */
export function documentTree(doc: HoconDocument): Record<string, unknown> {
  return sortKeys(Object.fromEntries(doc.keys().map((k) => [k, oracleForm(doc.get([k]))]))) as Record<string, unknown>;
}

/** Plain data with every object's keys sorted (as the oracle prints them), for comparing as text. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

function holdsUnresolved(v: unknown): boolean {
  return v !== null && typeof v === 'object' && (isUnresolved(v) || Object.values(v).some(holdsUnresolved));
}

/**
 * Where get() and Typesafe Config disagree, as `path: ours vs theirs` lines ([] when they agree).
 * A value get() returns as a HoconSubstitution claims nothing (an opaque concatenation, `+=`).
 * Typesafe Config reports an object as unresolved as a whole where an object holding a
 * substitution was merged onto a value that is not an object (a delayed merge that resolution
 * settles in the object's favour): there get()'s object, with its own unresolved parts, stands.
 */
export function disagreements(ours: unknown, theirs: unknown, path = ''): string[] {
  if (isUnresolved(ours)) return [];
  const bothObjects = [ours, theirs].every((v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !isUnresolved(v));
  if (isUnresolved(theirs) && ours !== null && typeof ours === 'object' && !Array.isArray(ours) && holdsUnresolved(ours)) return [];
  if (Array.isArray(ours) && Array.isArray(theirs) && ours.length === theirs.length) {
    return ours.flatMap((v, i) => disagreements(v, theirs[i], `${path}[${i}]`));
  }
  if (bothObjects) {
    const o = ours as Record<string, unknown>;
    const t = theirs as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(o), ...Object.keys(t)])].sort();
    return keys.flatMap((k) => (k in o && k in t ? disagreements(o[k], t[k], `${path}.${k}`) : [`${path}.${k}: ${JSON.stringify(o[k])} vs ${JSON.stringify(t[k])}`]));
  }
  const same = typeof ours === 'number' && typeof theirs === 'number' ? ours === theirs : JSON.stringify(ours) === JSON.stringify(theirs);
  return same ? [] : [`${path}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`];
}
