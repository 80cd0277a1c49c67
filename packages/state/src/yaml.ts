/**
 * The YAML side: parsing a state file with the `yaml` package (positions of every node kept),
 * the checks a state file needs beyond YAML itself, and rendering values so that YAML 1.2 and
 * YAML 1.1 readers (PyYAML, so Ansible) read them the same.
 */
import { ConfigSyntaxError, positionAt, UnsupportedEditError } from '@jitsi-confkit/core';
import type { SourcePosition } from '@jitsi-confkit/core';
import { isAlias, isPair, isScalar, isSeq, parseDocument, Scalar, stringify, visit } from 'yaml';
import type { Document, Node } from 'yaml';
import type { StateProblem } from './errors.js';
import type { JsonValue } from './types.js';

export type YamlDocument = Document.Parsed;

/** Parses YAML; the first YAML error is a ConfigSyntaxError with its line and column. */
export function parseYaml(text: string): YamlDocument {
  const doc = parseDocument(text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error !== undefined) throw new ConfigSyntaxError(`YAML: ${firstLine(error.message)}`, text, error.pos[0]);
  return doc;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** The position of a node in the text, when it has one (nodes built in code have none). */
export function positionOf(text: string, node: Node | undefined | null): SourcePosition | undefined {
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : positionAt(text, offset);
}

/**
 * What a state file does not use although YAML allows it: anchors and aliases (an intent is
 * written out, so that removing one cannot break another), tags YAML does not know (Ansible's
 * `!vault`), and plain scalars that YAML 1.1 reads differently from YAML 1.2 (`yes`, `on`,
 * `010`, `1_000`, `2026-01-01`): Ansible's PyYAML reads 1.1, this package reads 1.2, and a state
 * file must mean the same to both. A file that declares `%YAML 1.1` is read as 1.1 and not checked.
 */
export function yamlProblems(text: string, doc: YamlDocument): StateProblem[] {
  const problems: StateProblem[] = [];
  const at = (node: Node | null | undefined) => {
    const position = positionOf(text, node);
    return position === undefined ? {} : { position };
  };
  for (const warning of doc.warnings) {
    problems.push({ code: 'yaml-feature', message: firstLine(warning.message), path: '(document)', position: positionAt(text, warning.pos[0]) });
  }
  const ambiguous = doc.directives.yaml.explicit ? new Map<number, unknown>() : readAs11(text);
  visit(doc, {
    Alias(key, node, ancestors) {
      problems.push({ code: 'yaml-feature', message: `the alias *${node.source} is not supported in a state file: write the value out`, ...where(key, ancestors), ...at(node) });
    },
    Node(key, node, ancestors) {
      if (isAlias(node)) return;
      if (node.anchor !== undefined) {
        problems.push({
          code: 'yaml-feature',
          message: `the anchor &${node.anchor} is not supported in a state file: write each value out`,
          ...where(key, ancestors),
          ...at(node),
        });
      }
      if (isScalar(node) && node.type === Scalar.PLAIN && node.tag === undefined && node.range) {
        const as11 = ambiguous.get(node.range[0]);
        if (ambiguous.has(node.range[0]) && !sameData(as11, node.value)) {
          problems.push({
            code: 'ambiguous-scalar',
            message: `${node.source} is ${describeData(node.value)} in YAML 1.2 but ${describeData(as11)} in YAML 1.1 (PyYAML, Ansible): write ${suggestion(node.value, as11)}`,
            ...where(key, ancestors),
            ...at(node),
          });
        }
      }
    },
  });
  return problems;
}

/** The path of a visited node (`intents[2].value`), and its intent's index when it is in one. */
function where(key: number | 'key' | 'value' | null, ancestors: readonly unknown[]): { path: string; intent?: number } {
  const parts: (string | number)[] = [];
  const chain = [...ancestors.slice(1)];
  for (let i = 0; i < chain.length; i++) {
    const node = chain[i];
    if (isPair(node)) {
      const k = node.key;
      parts.push(isScalar(k) ? String(k.value) : '?');
    } else if (isSeq(node)) {
      const child = chain[i + 1] ?? null;
      const index = child === null ? (typeof key === 'number' ? key : -1) : node.items.indexOf(child);
      parts.push(index);
      if (child === null) break;
    }
  }
  if (key === 'key') parts.push('(key)');
  const path = parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  const intent = parts[0] === 'intents' && typeof parts[1] === 'number' ? parts[1] : undefined;
  return { path: path === '' ? '(document)' : path, ...(intent === undefined ? {} : { intent }) };
}

/** The values of the plain scalars of `text` as YAML 1.1 reads them, by offset. */
function readAs11(text: string): Map<number, unknown> {
  const values = new Map<number, unknown>();
  const doc11 = parseDocument(text, { version: '1.1', uniqueKeys: false });
  visit(doc11, {
    Scalar(_key, node) {
      if (node.type === Scalar.PLAIN && node.range) values.set(node.range[0], node.value);
    },
  });
  return values;
}

function describeData(value: unknown): string {
  if (value instanceof Date) return `the date ${value.toISOString().slice(0, 10)}`;
  if (typeof value === 'string') return `the string "${value}"`;
  return `${typeof value === 'number' ? 'the number' : value === null ? '' : 'the boolean'} ${String(value)}`.trim();
}

/** How to write each reading so that both YAML versions agree (a string quoted). */
function suggestion(as12: unknown, as11: unknown): string {
  const spelled = [as12, as11].filter((v) => !(v instanceof Date)).map((v) => JSON.stringify(v));
  return spelled.length === 1 ? spelled[0]! : `${spelled.join(' or ')}, whichever is meant`;
}

/** Deep equality of plain data (Dates compared by time). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
}

// ---------------------------------------------------------------- rendering

export interface RenderStyle {
  /** Quote strings that need quotes with `'` rather than `"`. */
  singleQuote: boolean;
  /** JSON style: every key and string double-quoted (a state file written as JSON). */
  json: boolean;
}

/**
 * One value on one line, for `key: <here>` or inside a flow collection: a scalar, or a flow
 * collection (`[chrome, firefox]`, `{host: meet.example.com}`). Checked by reading it back as
 * YAML 1.2 and as YAML 1.1: strings those would read differently (`yes`, `010`) are quoted.
 */
export function renderInline(value: JsonValue, style: RenderStyle): string {
  if (style.json) return renderJson(value);
  const attempts = [
    { defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' },
    { defaultStringType: style.singleQuote ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' },
    { defaultStringType: style.singleQuote ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE', defaultKeyType: null },
  ] as const;
  for (const attempt of attempts) {
    const text = stringify(value, {
      collectionStyle: 'flow',
      flowCollectionPadding: false,
      lineWidth: 0,
      blockQuote: false,
      singleQuote: style.singleQuote,
      defaultStringType: attempt.defaultStringType,
      defaultKeyType: attempt.defaultKeyType,
      aliasDuplicateObjects: false,
    }).replace(/\n$/, '');
    if (!text.includes('\n') && readsBackAs(`k: ${text}\n`, value)) return text;
  }
  const json = renderJson(value);
  if (readsBackAs(`k: ${json}\n`, value)) return json;
  throw new UnsupportedEditError(`The value ${JSON.stringify(value)} cannot be written so that YAML 1.1 and 1.2 read it the same`);
}

/** JSON, with a space after `:` and `,` (JSON is YAML's flow style). */
function renderJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(renderJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${renderJson(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

function readsBackAs(text: string, value: JsonValue): boolean {
  for (const version of ['1.2', '1.1'] as const) {
    const doc = parseDocument(text, { version });
    if (doc.errors.length > 0 || doc.warnings.length > 0) return false;
    if (!sameData((doc.toJS() as { k: unknown }).k, value)) return false;
  }
  return true;
}

/** The quotes the file's quoted scalars use most ('"' when none). */
export function preferredQuote(doc: YamlDocument): "'" | '"' {
  let single = 0;
  let double = 0;
  visit(doc, {
    Scalar(_key, node) {
      if (node.type === Scalar.QUOTE_SINGLE) single++;
      if (node.type === Scalar.QUOTE_DOUBLE) double++;
    },
  });
  return single > double ? "'" : '"';
}
