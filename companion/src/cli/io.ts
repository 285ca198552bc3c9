/**
 * What a command may touch of the outside world, passed in so tests run
 * commands in-process with captured output and a controlled environment.
 */
import { currentPlatform, type PlatformFacts } from '../config/paths.ts';

export interface CliIo {
  /** One line (or block) for standard output. */
  out(text: string): void;
  /** One line (or block) for standard error: human messages while serving. */
  err(text: string): void;
  facts: PlatformFacts;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `start` waits on it. */
  stopRequested(): Promise<string>;
}

export const EXIT = {
  ok: 0,
  /** A check failed, the port is taken, the simulator could not start... */
  failure: 1,
  /** The command line itself is wrong. */
  usage: 2,
  /** The configuration has problems (all listed). */
  config: 3,
  /** No usable pairing secret. */
  notPaired: 4,
} as const;

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    facts: currentPlatform(),
    stopRequested: () =>
      new Promise((resolve) => {
        const onSignal = (signal: NodeJS.Signals) => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          // A second Ctrl+C while stopping ends the process at once.
          process.once('SIGINT', () => process.exit(130));
          resolve(signal);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }),
  };
}
