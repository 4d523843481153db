import { InputError } from '../../function-types.js';
import { compilePythonRegex, translatePythonReplacement } from '../../../lib/python-regex.js';

/** A user's Python regular expression, or a 400 naming it. */
export function userRegex(pattern: string, flags = ''): RegExp {
  try {
    return compilePythonRegex(pattern, flags);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
}

/** A user's Python `re.sub` replacement, or a 400 naming it. */
export function userReplacement(replacement: string): string {
  try {
    return translatePythonReplacement(replacement);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
}
