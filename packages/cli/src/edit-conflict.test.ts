/**
 * EditConflictError means a library planned an edit that did not read back as intended: never the
 * admin's fault. The CLI says so, says nothing was written, and asks for a report. The library is
 * made to fail here (no input is known to cause it), in process.
 */
import { EditConflictError } from '@jitsi-confkit/core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { run } from './index.js';
import { recorder } from './test-support/io.js';

vi.mock('@jitsi-confkit/web-config', async (original) => {
  const real = await original<typeof import('@jitsi-confkit/web-config')>();
  return {
    ...real,
    parseMeetConfig: (text: string) => {
      const doc = real.parseMeetConfig(text);
      doc.set = () => {
        throw new EditConflictError('Editing toolbarButtons: the value read back is not the value written');
      };
      return doc;
    },
  };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'confkit-conflict-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = "var config = {\n    hosts: { domain: 'meet.example.com' },\n};\n";
const MESSAGE =
  'meet.example.com-config.js: the edit was planned but did not read back as intended (Editing toolbarButtons: the value read back is not the value written); nothing was written. ' +
  'Your file is not at fault: this is a bug in jitsi-confkit. Please report it with the command and the file (run again with --debug for the details).';

it('set: exit 1, a message that says it is a bug and nothing was written, code E_EDIT_CONFLICT under --json', async () => {
  writeFileSync(join(dir, 'meet.example.com-config.js'), TEXT);
  const io = recorder({ cwd: dir });
  expect(await run(['set', 'meet.example.com-config.js', 'toolbarButtons', '["camera"]'], io)).toBe(1);
  expect([io.out, io.err]).toEqual(['', `jitsi-confkit: ${MESSAGE}\n`]);
  const json = recorder({ cwd: dir });
  expect(await run(['set', 'meet.example.com-config.js', 'toolbarButtons', '["camera"]', '--json'], json)).toBe(1);
  expect(JSON.parse(json.out)).toEqual({ error: { code: 'E_EDIT_CONFLICT', class: 'EditConflictError', message: MESSAGE, status: 1, file: 'meet.example.com-config.js' } });
  expect(readFileSync(join(dir, 'meet.example.com-config.js'), 'utf8')).toBe(TEXT);
});
