/**
 * Bash completion for jitsi-confkit, made from the same tables as --help (spec.ts) and from the
 * values the libraries accept (browser names, Prosody authentication providers). build.mjs
 * writes it to dist/completion.bash; the Debian package installs it as
 * /usr/share/bash-completion/completions/jitsi-confkit.
 */
import { AUTH_PROVIDERS } from '@jitsi-confkit/prosody-config';
import { BROWSERS } from '@jitsi-confkit/web-config';
import { COMMANDS, GROUPS, OPTIONS } from './spec.js';
import type { OptionSpec } from './spec.js';

/** How the value of an option, or a positional argument, is completed. */
type Completion = { words: readonly string[] } | 'file' | 'directory' | 'none';

/** Completion of each kind of option value (OptionSpec.value) and argument (CommandSpec.args). */
const BY_PLACEHOLDER: Record<string, Completion> = {
  DIR: 'directory',
  PATH: 'file',
  HOST: 'none',
  SECONDS: 'none',
  SIZE: 'none',
  PROVIDER: { words: AUTH_PROVIDERS },
  VERSION: { words: ['0.12', '13'] },
  '<browser>': { words: BROWSERS },
  '<file>': 'file',
  '<path>': 'none',
  '<value>': 'none',
  ID: 'none',
  NAME: 'none',
  URL: 'none',
  AUD: 'none',
  'N|none': { words: ['none'] },
};

function completionOf(placeholder: string, choices?: readonly string[]): Completion {
  if (choices !== undefined) return { words: choices };
  const completion = BY_PLACEHOLDER[placeholder];
  if (completion === undefined) throw new Error(`completion.ts: no completion for ${placeholder}: add it to BY_PLACEHOLDER`);
  return completion;
}

/** The shell commands that fill COMPREPLY for `completion` of the word "$cur". */
function reply(completion: Completion): string {
  if (completion === 'none') return 'return';
  if (completion === 'file') return 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")); return';
  if (completion === 'directory') return 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")); return';
  return `COMPREPLY=($(compgen -W ${shellWords(completion.words)} -- "$cur")); return`;
}

/** Words as one single-quoted shell word (the words themselves are plain: names and flags). */
function shellWords(words: readonly string[]): string {
  for (const w of words) if (!/^[A-Za-z0-9_.:/-]+$/.test(w)) throw new Error(`completion.ts: unexpected word ${JSON.stringify(w)}`);
  return `'${words.join(' ')}'`;
}

const flags = (spec: OptionSpec): string[] => [`--${spec.flag}`, ...(spec.short === undefined ? [] : [`-${spec.short}`])];

/** The bash completion script. */
export function bashCompletion(): string {
  const valued = Object.values(OPTIONS).filter((o) => o.value !== undefined);
  const groups = Object.keys(GROUPS);
  const top = [...new Set([...COMMANDS.map((c) => c.name.split(' ')[0] as string), 'help'])];
  const lines = [
    "# bash completion for jitsi-confkit(1): generated from the CLI's command spec (src/spec.ts) by",
    '# src/completion.ts; do not edit.',
    '_jitsi_confkit() {',
    '    local cur=${COMP_WORDS[COMP_CWORD]} prev=',
    '    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}',
    '    # --opt=value: bash splits it at "=" (COMP_WORDBREAKS)',
    '    if [[ $cur == = ]]; then',
    '        cur=',
    '    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then',
    '        prev=${COMP_WORDS[COMP_CWORD-2]}',
    '    fi',
    '    # The words before the cursor that are neither options nor their values: the command, then its arguments.',
    '    local -a words=()',
    '    local i w',
    '    for ((i = 1; i < COMP_CWORD; i++)); do',
    '        w=${COMP_WORDS[i]}',
    '        case $w in',
    `            ${valued.flatMap(flags).join('|')})`,
    '                [[ ${COMP_WORDS[i+1]-} == = ]] && ((i++))',
    '                ((i++)) ;;',
    '            -?*|=) ;;',
    '            *) words+=("$w") ;;',
    '        esac',
    '    done',
    '    [[ ${words[0]-} == help ]] && words=("${words[@]:1}")',
    '    case $prev in',
    ...valued.map((o) => `        ${flags(o).join('|')}) ${reply(completionOf(o.value as string, o.choices))} ;;`),
    '    esac',
    '    local command=${words[0]-} nargs=0',
    '    case $command in',
    `        ${groups.join('|')})`,
    '            if ((${#words[@]} > 1)); then command="$command ${words[1]}"; nargs=$((${#words[@]} - 2)); fi ;;',
    '        ?*) nargs=$((${#words[@]} - 1)) ;;',
    '    esac',
    '    if [[ $cur == -* ]]; then',
    '        case $command in',
    ...COMMANDS.map((c) => `            ${shellCase(c.name)}) COMPREPLY=($(compgen -W ${shellWords(c.options.flatMap((n) => flags(OPTIONS[n])))} -- "$cur")) ;;`),
    `            *) COMPREPLY=($(compgen -W ${shellWords([...flags(OPTIONS.help), ...flags(OPTIONS.version)])} -- "$cur")) ;;`,
    '        esac',
    '        return',
    '    fi',
    '    case $command in',
    `        '') COMPREPLY=($(compgen -W ${shellWords(top)} -- "$cur")) ;;`,
    ...groups.map((g) => {
      const members = COMMANDS.filter((c) => c.name.startsWith(`${g} `)).map((c) => c.name.slice(g.length + 1));
      return `        ${g}) COMPREPLY=($(compgen -W ${shellWords(members)} -- "$cur")) ;;`;
    }),
    ...COMMANDS.filter((c) => c.args.length > 0).map((c) => {
      const cases = c.args.map((arg, i) => `${i}) ${reply(completionOf(arg))} ;;`).join(' ');
      return `        ${shellCase(c.name)}) case $nargs in ${cases} esac ;;`;
    }),
    '    esac',
    '}',
    'complete -F _jitsi_confkit jitsi-confkit',
    '',
  ];
  return lines.join('\n');
}

/** A command name as a `case` pattern ('browsers move' needs quoting). */
function shellCase(name: string): string {
  return name.includes(' ') ? `'${name}'` : name;
}
