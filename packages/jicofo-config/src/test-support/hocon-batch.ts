/**
 * Many `hocon get` reads in one Ruby process. Each `hocon` run starts Ruby and loads ruby-hocon
 * (about a quarter of a second), so a test that asks hundreds of questions runs the CLI's own
 * `get` code (Hocon::CLI.do_get, what `hocon -j -f FILE get PATH` runs) on each text in a loop.
 * Ruby is there wherever the `hocon` program is: it is a Ruby script.
 */
import { spawnSync } from 'node:child_process';

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
