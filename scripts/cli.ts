import { formatProblem, StatusError } from '../src/shared/errors.ts';

/** Runs a command's main; prints StatusErrors as `file:line: message` and sets the exit code. */
export async function run(main: () => Promise<void> | void): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof StatusError) {
      for (const p of error.problems) console.error(formatProblem(p));
      console.error(`error: ${error.message}`);
      process.exitCode = error.code === 'USAGE' ? 2 : 1;
      return;
    }
    throw error;
  }
}

/** Value of `--name value` or `--name=value`. */
export function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
}

/**
 * Refuses any argument that is not one of the command's options: `values` take a value (`--name v`
 * or `--name=v`), `switches` stand alone; with `operands`, a word that is not an option (or `-`) is
 * one, and they are returned. `help` is what to run for the list, named in the error.
 */
export function refuseUnknown(argv: readonly string[], options: { values: readonly string[]; switches?: readonly string[]; operands?: boolean; help: string }): string[] {
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (options.switches?.includes(arg)) continue;
    if (arg.startsWith('--') && options.values.includes(arg.slice(2).split('=')[0]!)) {
      if (!arg.includes('=')) i++;
      continue;
    }
    if (options.operands && (arg === '-' || !arg.startsWith('-'))) {
      operands.push(arg);
      continue;
    }
    throw new StatusError('USAGE', `unknown argument "${arg}" (${options.help} lists the options)`);
  }
  return operands;
}

/** The process's environment without its empty variables: CI systems often set one to "" when it is not configured. */
export const configuredEnv = (): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ''));
