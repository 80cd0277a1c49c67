import { structuredPatch } from 'diff';

export interface UnifiedDiffOptions {
  /** File name shown in the `---`/`+++` header lines. Default `file`. */
  path?: string;
  /** Lines of context around each change. Default 3; golden diffs use 0. */
  context?: number;
}

/**
 * A unified diff of two texts, as `diff -u` prints it (`--- a/path`, `+++ b/path`, hunks). Line
 * endings are kept byte for byte: a CRLF line shows its `\r`, and a missing final newline gets
 * the usual `\ No newline at end of file` marker. Equal texts give the empty string.
 */
export function unifiedDiff(before: string, after: string, options: UnifiedDiffOptions = {}): string {
  if (before === after) return '';
  const path = options.path ?? 'file';
  const patch = structuredPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, {
    context: options.context ?? 3,
  });
  const out: string[] = [`--- ${patch.oldFileName}`, `+++ ${patch.newFileName}`];
  for (const h of patch.hunks) {
    out.push(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`);
    out.push(...h.lines);
  }
  return `${out.join('\n')}\n`;
}

function range(start: number, lines: number): string {
  // diff -u convention: an empty range names the line before it (jsdiff gives the line after).
  if (lines === 0) return `${start - 1},0`;
  return lines === 1 ? `${start}` : `${start},${lines}`;
}
