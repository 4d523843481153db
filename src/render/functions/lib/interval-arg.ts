import { InputError } from '../../function-types.js';
import { parseInterval } from '../../interval.js';

/** An interval argument in seconds, or a 400 naming the parameter and the value. */
export function intervalSeconds(value: string, param: string): number {
  try {
    return parseInterval(value);
  } catch (err) {
    throw new InputError(`Invalid interval value for parameter "${param}": ${JSON.stringify(value)}: ${(err as Error).message}`);
  }
}

/** A bucket size: a positive number of seconds. */
export function bucketSeconds(value: string, param: string): number {
  const seconds = intervalSeconds(value, param);
  if (seconds <= 0) throw new InputError(`parameter "${param}" must be a positive interval, got ${JSON.stringify(value)}`);
  return seconds;
}
