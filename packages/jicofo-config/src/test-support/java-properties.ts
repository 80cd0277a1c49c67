/**
 * The oracle for .properties: java.util.Properties itself (Java 11+ runs the one-file program
 * below from source). One JVM reads every file given and prints each file's keys and values as
 * JSON. scripts/install-system-deps.sh installs a JDK; without one the tests say so and skip, and
 * under CI they fail instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProperties } from '../index.js';
import { unavailable } from '../../../../test/support/skips.js';

const PROGRAM = `
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class PropsDump {
  static String json(String s) {
    StringBuilder b = new StringBuilder("\\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\\\') b.append('\\\\').append(c);
      else if (c < 0x20 || c > 0x7e) b.append(String.format("\\\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
  public static void main(String[] args) throws Exception {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < args.length; i++) {
      Properties p = new Properties();
      try (Reader r = new InputStreamReader(new FileInputStream(args[i]), StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IllegalArgumentException e) {
        // A malformed backslash-u escape: java.util.Properties refuses the file.
        out.append(i == 0 ? "" : ",").append("null");
        continue;
      }
      TreeMap<String, String> sorted = new TreeMap<>();
      for (String k : p.stringPropertyNames()) sorted.put(k, p.getProperty(k));
      out.append(i == 0 ? "" : ",").append("{");
      int n = 0;
      for (Map.Entry<String, String> e : sorted.entrySet()) out.append(n++ == 0 ? "" : ",").append(json(e.getKey())).append(":").append(json(e.getValue()));
      out.append("}");
    }
    System.out.println(out.append("]"));
  }
}
`;

/** True when `java` runs; otherwise records the skip reason (or throws under CI) and returns false. */
export function javaAvailable(): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return unavailable('the java.util.Properties oracle: no java', 'sudo bash scripts/install-system-deps.sh');
  }
}

/** What java.util.Properties reads from each file, keys sorted (null: it refuses the file). */
export function javaProperties(files: string[]): (Record<string, string> | null)[] {
  const dir = mkdtempSync(join(tmpdir(), 'confkit-java-'));
  const source = join(dir, 'PropsDump.java');
  try {
    writeFileSync(source, PROGRAM);
    const stdout = execFileSync('java', [source, ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return JSON.parse(stdout) as (Record<string, string> | null)[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What parseProperties reads from a text, keys sorted: what javaProperties gives for it, where they agree. */
export function mine(text: string): Record<string, string> {
  const doc = parseProperties(text);
  return Object.fromEntries(
    doc
      .keys()
      .sort()
      .map((k) => [k, doc.get(k)!]),
  );
}
