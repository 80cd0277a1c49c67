/**
 * Where fixes are made: each file of the deployment parsed once, when a fix first needs it, by the
 * library of its language, so that fixes in the same file compose (each library keeps one list of
 * edits against the text it was given) and every edit is re-parsed and read back.
 */
import { aboutFile, type TextEdit } from '@jitsi-confkit/core';
import { parseJicofoConf, parseProperties } from '@jitsi-confkit/jicofo-config';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { parseMeetConfig } from '@jitsi-confkit/web-config';
import type { DoctorFile, DoctorFiles, FileEdits } from './types.js';

type Prosody = ReturnType<typeof parseProsodyConfig>;
type Meet = ReturnType<typeof parseMeetConfig>;
type Jicofo = ReturnType<typeof parseJicofoConf>;
type Props = ReturnType<typeof parseProperties>;
type Doc = Prosody | Meet | Jicofo | Props;

/** A fix: operations of the libraries on the documents of a workbench. */
export type Fix = (bench: Workbench) => void;

/** The text of a file of DoctorFiles. */
export function textOf(files: DoctorFiles, file: DoctorFile): string | undefined {
  if (file.startsWith('/')) return files.prosodyFiles?.[file];
  return files[file as Exclude<DoctorFile, `/${string}`>];
}

function withText(files: DoctorFiles, file: DoctorFile, text: string): DoctorFiles {
  if (file.startsWith('/')) return { ...files, prosodyFiles: { ...files.prosodyFiles, [file]: text } };
  return { ...files, [file]: text };
}

export class Workbench {
  readonly #files: DoctorFiles;
  readonly #prosody13: boolean;
  readonly #docs = new Map<DoctorFile, Doc>();

  constructor(files: DoctorFiles, prosody13: boolean) {
    this.#files = files;
    this.#prosody13 = prosody13;
  }

  #open<D extends Doc>(file: DoctorFile, parse: (text: string) => D): D {
    let doc = this.#docs.get(file) as D | undefined;
    if (doc === undefined) {
      const text = textOf(this.#files, file);
      if (text === undefined) throw new Error(`internal: a fix for ${file}, which was not given`);
      doc = aboutFile(file, () => parse(text));
      this.#docs.set(file, doc);
    }
    return doc;
  }

  /** A Prosody file (`prosody`, `prosodyMain` or a path), for Prosody 13 when the server runs it. */
  prosody(file: DoctorFile): Prosody {
    return this.#open(file, (text) => parseProsodyConfig(text, { encoding: 'latin1', prosody: this.#prosody13 ? '13' : '0.12' }));
  }

  meetConfig(): Meet {
    return this.#open('meetConfig', parseMeetConfig);
  }

  jicofoConf(): Jicofo {
    return this.#open('jicofoConf', parseJicofoConf);
  }

  sipCommunicator(): Props {
    return this.#open('sipCommunicator', parseProperties);
  }

  /** The files with every change made so far. */
  files(): DoctorFiles {
    let out = this.#files;
    for (const [file, doc] of this.#docs) if (doc.changed) out = withText(out, file, doc.toString());
    return out;
  }

  /** The edits made so far, per file changed. */
  edits(): FileEdits[] {
    const out: FileEdits[] = [];
    for (const [file, doc] of this.#docs) {
      const edits: TextEdit[] = doc.edits;
      if (edits.length > 0) out.push({ file, edits });
    }
    return out;
  }
}
