import { HoconSubstitution, type HoconDocument, type HoconValue } from '../index.js';

function isObject(v: HoconValue | undefined): v is { [key: string]: HoconValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof HoconSubstitution);
}

/** Leaf paths with their values, and object paths, in document order. */
export function walk(doc: HoconDocument, prefix: string[], leaves: [string[], HoconValue][], objects: string[][]): void {
  for (const key of doc.keys(prefix.length === 0 ? undefined : prefix)) {
    const path = [...prefix, key];
    const value = doc.get(path)!;
    if (isObject(value)) {
      objects.push(path);
      walk(doc, path, leaves, objects);
    } else {
      leaves.push([path, value]);
    }
  }
}
