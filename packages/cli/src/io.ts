/** What a command may use of the process: injected, so that tests can run commands in-process. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether stdout is a terminal (colour is used only then, and never under NO_COLOR). */
  isTTY: boolean;
  now(): Date;
  /** Standard input, read whole (jwt enable --secret-stdin); undefined where there is none. */
  readStdin?(): Buffer;
  /**
   * The program running: Node's executable and the CLI's script, as real paths (bin.ts). What
   * `hook install` writes into the apt hook; undefined where the CLI runs in another program.
   */
  executable?(): { node: string; script: string } | undefined;
  /**
   * Test hook, never set in normal use: called at named points of a write ("locked",
   * "before-rename:N", "after-rename:N"), so that a test can hold the process there. The
   * executable sets it only when JITSI_CONFKIT_TEST_HOLD names points (see bin.ts).
   */
  hold?(point: string): void;
}

/** ANSI colours, or none. */
export interface Paint {
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
  cyan: (s: string) => string;
  bold: (s: string) => string;
  dim: (s: string) => string;
}

const plain = (s: string): string => s;
const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

/** Colour on a terminal only; NO_COLOR (any non-empty value, no-color.org) turns it off. */
export function paintFor(io: Io): Paint {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  if (noColor || !io.isTTY) return { red: plain, green: plain, yellow: plain, cyan: plain, bold: plain, dim: plain };
  return { red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), bold: sgr(1, 22), dim: sgr(2, 22) };
}
