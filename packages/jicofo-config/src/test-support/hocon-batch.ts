/**
 * Many `hocon get` reads in one Ruby process. Each `hocon` run starts Ruby and loads ruby-hocon
 * (about a quarter of a second), so a test that asks hundreds of questions runs the CLI's own
 * `get` code (Hocon::CLI.do_get, what `hocon -j -f FILE get PATH` runs) on each text in a loop.
 * Ruby is there wherever the `hocon` program is: it is a Ruby script.
 */
import { spawnSync } from 'node:child_process';
import { pathText } from '../hocon/format.js';
import { parseJicofoConf } from '../index.js';
import { flatten, type OracleTree, substitutionPaths } from './hocon-cli.js';

const SCRIPT = `
require 'hocon'
require 'hocon/cli'
require 'json'
STDIN.each_line do |line|
  q = JSON.parse(line)
  begin
    out = Hocon::CLI.do_get({ json: true, path: q['path'] }, q['text'])
    puts JSON.generate({ 'ok' => JSON.parse(out) })
  rescue Hocon::CLI::MissingPathError
    puts JSON.generate({ 'missing' => true })
  rescue StandardError => e
    puts JSON.generate({ 'error' => e.message.lines.first.to_s.strip })
  end
end
`;

/** What the CLI says for one path: its value, that the path is missing, or its error. */
export type BatchAnswer = { ok: unknown } | { missing: true } | { error: string };

export interface BatchQuery {
  /** The HOCON text, as the file would hold it. */
  text: string;
  /** The path as the CLI takes it (HOCON path syntax, odd keys quoted). */
  path: string;
}

/** Runs `script` in one Ruby process on one JSON line per input; one JSON answer per line back. */
function rubyBatch<T>(script: string, inputs: readonly unknown[]): T[] {
  if (inputs.length === 0) return [];
  const input = inputs.map((i) => JSON.stringify(i)).join('\n') + '\n';
  const result = spawnSync('ruby', ['-e', script], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`ruby-hocon batch failed: ${result.stderr || result.error?.message}`);
  const answers = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as T);
  if (answers.length !== inputs.length) throw new Error(`ruby-hocon batch answered ${answers.length} of ${inputs.length} inputs`);
  return answers;
}

/** Answers each query as `hocon -j get` would, in one Ruby process. */
export function hoconGetBatch(queries: readonly BatchQuery[]): BatchAnswer[] {
  return rubyBatch<BatchAnswer>(
    SCRIPT,
    queries.map((q) => ({ text: q.text, path: q.path })),
  );
}

const PARSE_SCRIPT = `
require 'hocon'
require 'hocon/config_factory'
require 'json'
STDIN.each_line do |line|
  text = JSON.parse(line)
  begin
    Hocon::ConfigFactory.parse_string(text)
    puts JSON.generate({ 'ok' => true })
  rescue StandardError, SystemStackError => e
    puts JSON.generate({ 'error' => "#{e.class}: #{e.message.lines.first.to_s.strip}" })
  end
end
`;

/** Whether ruby-hocon parses each text (Hocon::ConfigFactory.parse_string), in one Ruby process. */
export function hoconParseBatch(texts: readonly string[]): ({ ok: true } | { error: string })[] {
  return rubyBatch<{ ok: true } | { error: string }>(PARSE_SCRIPT, texts);
}

const TREE_SCRIPT = `
require 'hocon'
require 'hocon/cli'
require 'json'
def get(text, path)
  { 'ok' => JSON.parse(Hocon::CLI.do_get({ json: true, path: path }, text)) }
rescue Hocon::CLI::MissingPathError
  { 'error' => "Error: Can't find the given path: '#{path}'" }
rescue StandardError => e
  { 'error' => e.message.lines.first.to_s.strip }
end
STDIN.each_line do |line|
  q = JSON.parse(line)
  text = q['text']
  probes = q['substitutions'].map { |path| get(q['text'], path) }
  q['substitutions'].each { |path| text = Hocon::CLI.do_unset({ path: path }, text) }
  roots = q['roots'].map { |path| get(text, path) }
  gets = q['gets'].map { |path| get(q['text'], path) }
  puts JSON.generate({ 'probes' => probes, 'roots' => roots, 'gets' => gets })
end
`;

/** What `hocon -j -f FILE get PATH` says: the value, or the first line of its error (`Error: Can't find the given path: 'x'`). */
export type CliAnswer = { ok: true; value: unknown } | { ok: false; error: string };

/** What oracleTreeBatch gives for one text. */
export interface TreeAnswer {
  /** As oracleTree's `leaves` and `unresolved`. */
  tree: Omit<OracleTree, 'calls'>;
  /** The CLI's answer to each path of `gets`, on the text as it is. */
  gets: CliAnswer[];
}

/**
 * oracleTree (hocon-cli.ts) for many texts in one Ruby process, with the same steps the CLI's
 * functions run (Hocon::CLI.do_get and do_unset): each substitution path must be unresolved for
 * the CLI, is then unset, and each root key of what is left is read as JSON. `gets` are read from
 * each text as it is, as `hocon -j -f FILE get PATH` would.
 */
export function oracleTreeBatch(queries: readonly { text: string; gets: readonly string[] }[]): TreeAnswer[] {
  const prepared = queries.map(({ text, gets }) => {
    const doc = parseJicofoConf(text);
    return { doc, substitutions: substitutionPaths(doc).map(pathText), roots: doc.keys().map((k) => pathText([k])), gets };
  });
  const cli = (a: { ok?: unknown; error?: string }): CliAnswer => ('error' in a ? { ok: false, error: a.error! } : { ok: true, value: a.ok });
  const answers = rubyBatch<{ probes: { ok?: unknown; error?: string }[]; roots: { ok?: unknown; error?: string }[]; gets: { ok?: unknown; error?: string }[] }>(
    TREE_SCRIPT,
    prepared.map(({ substitutions, roots, gets }, i) => ({ text: queries[i]!.text, substitutions, roots, gets })),
  );
  return answers.map((answer, i) => {
    const { doc, substitutions, roots } = prepared[i]!;
    answer.probes.map(cli).forEach((probe, j) => {
      if (probe.ok || !probe.error.includes('not resolved')) {
        throw new Error(`hocon does not see a substitution at ${substitutions[j]}: ${probe.ok ? JSON.stringify(probe.value) : probe.error}`);
      }
    });
    const leaves = new Map<string, unknown>();
    answer.roots.map(cli).forEach((result, j) => {
      const key = doc.keys()[j]!;
      // The CLI reports a key set to null as missing (Typesafe's hasPath is false for null).
      if (!result.ok && result.error.includes("Can't find") && doc.get([key]) === null) leaves.set(roots[j]!, null);
      else if (!result.ok) throw new Error(`hocon get ${key} failed: ${result.error}`);
      else flatten([key], result.value, leaves);
    });
    return {
      tree: { leaves: new Map([...leaves].sort(([a], [b]) => a.localeCompare(b))), unresolved: [...substitutions].sort() },
      gets: answer.gets.map(cli),
    };
  });
}
