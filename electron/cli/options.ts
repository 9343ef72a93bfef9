/**
 * What every command shares: its type, and the reading of its options with Node's
 * `util.parseArgs`. Options are `--name value` or `--name=value`; flags are `--name`.
 *
 * parseArgs runs in its lenient mode so that every problem of a command line is reported at once,
 * in the words the commands have always used ("Unknown option --colour.", "--out needs a value"),
 * rather than the first one in Node's words.
 */
import { parseArgs } from 'node:util';

export interface CommandContext {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  /** The clock that dates what a command writes; the system clock when not given (index.ts). */
  now?: () => Date;
}

/** The command's clock: the one the context gives, else the system clock. */
export function clockOf(context: CommandContext): () => Date {
  return context.now ?? (() => new Date());
}

export interface Command {
  name: string;
  synopsis: string;
  summary: string;
  /** Returns the exit code. */
  run(args: readonly string[], context: CommandContext): Promise<number>;
}

interface OptionSpec {
  /** Options that take a value. */
  values?: readonly string[];
  /** Options that take none. `--help` (and `-h`) is always known. */
  flags?: readonly string[];
}

interface ParsedOptions {
  /** The value of each option given (the last one, when an option is given twice). */
  options: Map<string, string>;
  /** The flags given, `help` among them when asked for. */
  flags: Set<string>;
  positional: string[];
  problems: string[];
  /** Options given more than once. */
  repeated: Set<string>;
}

export function parseOptions(args: readonly string[], spec: OptionSpec): ParsedOptions {
  const values = new Set(spec.values ?? []);
  const flagNames = new Set([...(spec.flags ?? []), 'help']);
  const { tokens } = parseArgs({
    args: [...args],
    options: {
      ...Object.fromEntries([...values].map((name) => [name, { type: 'string' as const, multiple: true }])),
      ...Object.fromEntries([...flagNames].map((name) => [name, { type: 'boolean' as const, multiple: true, ...(name === 'help' ? { short: 'h' } : {}) }])),
    },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const parsed: ParsedOptions = { options: new Map(), flags: new Set(), positional: [], problems: [], repeated: new Set() };
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind === 'positional') {
      parsed.positional.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue; // `--`: what follows is positional
    const { name, rawName } = token;
    if (seen.has(name)) parsed.repeated.add(name);
    seen.add(name);
    if (values.has(name)) {
      // Lenient parseArgs takes the next argument as the value even when it is another option.
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) parsed.problems.push(`${rawName} needs a value`);
      else parsed.options.set(name, token.value);
    } else if (flagNames.has(name)) {
      if (token.value !== undefined) parsed.problems.push(`${rawName} takes no value`);
      else parsed.flags.add(name);
    } else {
      parsed.problems.push(`Unknown option ${rawName}.`);
    }
  }
  return parsed;
}
