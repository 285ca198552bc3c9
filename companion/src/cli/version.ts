// Part of the code, not a file read at run time: the production bundle carries it.
import { version } from '../../../package.json';

/** The companion ships with the repository: its version is the package's. */
export function companionVersion(): string {
  return typeof version === 'string' ? version : '0.0.0';
}
