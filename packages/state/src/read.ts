/**
 * Reading a state file: the YAML document into its version, host and intents, with every problem
 * found (each with its position), including the ones between intents (duplicates, contradictions).
 */
import { printable } from '@jitsi-confkit/core';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import type { StateProblem } from './errors.js';
import { closest, Fields, found, hostName, Problems, report } from './fields.js';
import type { At } from './fields.js';
import type { IntentKind, IntentLike, Touch } from './kind.js';
import type { IntentKinds } from './kinds/index.js';
import { positionOf, sameData, yamlProblems } from './yaml.js';
import type { YamlDocument } from './yaml.js';

/** The version of the state file format this package reads and writes. */
export const STATE_VERSION = 1;

/** An intent read from the file, with its node. */
export interface ReadIntent {
  intent: IntentLike;
  kind: IntentKind<IntentLike>;
  node: YAMLMap;
  index: number;
  line: number;
  column: number;
  summary: string;
}

export interface ReadState {
  /** Undefined only for a document with no content (an empty state). */
  version: number | undefined;
  host: string | undefined;
  intents: ReadIntent[];
  problems: StateProblem[];
}

const TOP_FIELDS = ['version', 'host', 'intents'];

const topHost = hostName('host');

/** The contents of the document when it is empty (no content, or a lone null). */
export function isEmptyDocument(doc: YamlDocument): boolean {
  const contents = doc.contents as Node | null;
  return contents === null || (isScalar(contents) && contents.value === null);
}

export function readState(text: string, doc: YamlDocument, kinds: IntentKinds): ReadState {
  const problems = new Problems(text);
  problems.list.push(...yamlProblems(text, doc));
  const state: ReadState = { version: undefined, host: undefined, intents: [], problems: problems.list };
  const root = doc.contents as Node | null;
  const at: At = { path: '', problems };
  if (isEmptyDocument(doc)) return finish(state);
  if (!isMap(root)) {
    report(at, 'wrong-type', `a state file is a mapping (version, host, intents), found ${found(root)}`, root);
    return finish(state);
  }
  const fields = new Fields(root, at);
  state.version = readVersion(fields);
  state.host = fields.optional('host', topHost);
  const list = fields.node('intents');
  fields.finish(TOP_FIELDS);
  if (list !== undefined && list !== null && !(isScalar(list) && list.value === null)) {
    if (!isSeq(list)) {
      report({ path: 'intents', problems }, 'wrong-type', `intents is a list, found ${found(list)}`, list);
    } else {
      state.intents = readIntents(text, list, problems, kinds);
    }
  }
  crossCheck(state, problems);
  return finish(state);
}

function finish(state: ReadState): ReadState {
  state.problems.sort((a, b) => (a.position?.offset ?? 0) - (b.position?.offset ?? 0));
  return state;
}

function readVersion(fields: Fields): number | undefined {
  const node = fields.node('version');
  const at = { ...fields.at, path: 'version' };
  if (node === undefined) {
    report(at, 'missing-field', `version is missing: a state file starts with "version: ${STATE_VERSION}"`, fields.map);
    return undefined;
  }
  if (!isScalar(node) || typeof node.value !== 'number') {
    report(at, 'wrong-type', `version is the number ${STATE_VERSION}, found ${found(node)}`, node);
    return undefined;
  }
  if (node.value !== STATE_VERSION) {
    report(at, 'unsupported-version', `version ${node.value} is not supported: this jitsi-confkit reads version ${STATE_VERSION} (a newer jitsi-confkit wrote the file?)`, node);
    return undefined;
  }
  return node.value;
}

function readIntents(text: string, list: YAMLSeq, problems: Problems, kinds: IntentKinds): ReadIntent[] {
  const out: ReadIntent[] = [];
  list.items.forEach((item, index) => {
    const node = item as Node | null;
    const at: At = { path: `intents[${index}]`, intent: index, problems };
    const read = readIntent(node, at, kinds);
    if (read === undefined || !isMap(node)) return;
    const position = positionOf(text, node);
    out.push({ ...read, node, index, line: position?.line ?? 0, column: position?.column ?? 0, summary: read.kind.describe(read.intent) });
  });
  return out;
}

/** Reads one intent (from a file, or built in code); reports its problems. */
export function readIntent(node: Node | null, at: At, kinds: IntentKinds): { intent: IntentLike; kind: IntentKind<IntentLike> } | undefined {
  if (!isMap(node)) {
    report(at, 'wrong-type', `an intent is a mapping with a kind (${kinds.map((k) => k.kind).join(', ')}), found ${found(node)}`, node);
    return undefined;
  }
  const fields = new Fields(node, at);
  const kindNode = fields.node('kind');
  const names = kinds.map((k) => k.kind);
  if (kindNode === undefined || kindNode === null) {
    report(at, 'missing-field', `kind is missing: one of ${names.join(', ')}`, node);
    return undefined;
  }
  if (!isScalar(kindNode) || typeof kindNode.value !== 'string') {
    report({ ...at, path: `${at.path}.kind` }, 'wrong-type', `kind is one of ${names.join(', ')}, found ${found(kindNode)}`, kindNode);
    return undefined;
  }
  const name = kindNode.value;
  const kind = kinds.find((k) => k.kind === name);
  if (kind === undefined) {
    const near = closest(name, names);
    report(
      { ...at, path: `${at.path}.kind` },
      'unknown-kind',
      `unknown intent kind "${printable(name)}"${near === undefined ? '' : ` (did you mean ${near}?)`}: use one of ${names.join(', ')}`,
      kindNode,
    );
    return undefined;
  }
  const before = at.problems.list.length;
  const intent = kind.read(fields);
  if (intent === undefined || at.problems.list.length > before) return undefined;
  return { intent, kind };
}

/** Duplicates, contradictions, and intents that disagree with the file's host. */
function crossCheck(state: ReadState, problems: Problems): void {
  const seen: ReadIntent[] = [];
  for (const current of state.intents) {
    const at: At = { path: `intents[${current.index}]`, intent: current.index, problems };
    const stateConflict = current.kind.conflictsWithState?.(current.intent, { host: state.host });
    if (stateConflict !== undefined) report(at, 'contradiction', stateConflict, current.node);
    for (const earlier of seen) {
      const conflict = conflictBetween(earlier, current);
      if (conflict === undefined) continue;
      const where = `the intent on line ${earlier.line} (${earlier.summary})`;
      if (conflict === 'duplicate') report(at, 'duplicate', `this intent (${current.summary}) is already ${where}`, current.node);
      else report(at, 'contradiction', `this intent (${current.summary}) contradicts ${where}: ${conflict}`, current.node);
      break;
    }
    seen.push(current);
  }
}

/** How two intents conflict: 'duplicate', a reason, or undefined when they do not. */
export function conflictBetween(a: Pick<ReadIntent, 'intent' | 'kind'>, b: Pick<ReadIntent, 'intent' | 'kind'>): string | undefined {
  if (a.kind.subject(a.intent) === b.kind.subject(b.intent)) {
    return sameData(a.intent, b.intent) ? 'duplicate' : `both decide ${a.kind.subject(a.intent)}`;
  }
  for (const ta of a.kind.touches(a.intent)) {
    for (const tb of b.kind.touches(b.intent)) {
      if (overlap(ta, tb)) return `both decide ${touchText(ta.path.length <= tb.path.length ? ta : tb)}`;
    }
  }
  return undefined;
}

function overlap(a: Touch, b: Touch): boolean {
  if (a.file !== b.file || (a.scope ?? '') !== (b.scope ?? '')) return false;
  const n = Math.min(a.path.length, b.path.length);
  for (let i = 0; i < n; i++) if (a.path[i] !== b.path[i]) return false;
  if (a.item !== undefined && b.item !== undefined && a.path.length === b.path.length) return a.item === b.item;
  return true;
}

function touchText(t: Touch): string {
  return `${t.file}${t.scope === undefined ? '' : ` ${t.scope}`} ${t.path.join('.')}${t.item === undefined ? '' : ` (${t.item})`}`;
}
