/**
 * Why a line, item or point was not stored. The values name the stats counters
 * (`ingest.<listener>.rejected.<reason>`), so they are stable identifiers.
 */
export const RejectReason = {
  /** not `path value [timestamp]` */
  Fields: 'fields',
  /** the value is not something Python's float() accepts */
  Value: 'value',
  /** the timestamp is not a finite number */
  Timestamp: 'timestamp',
  /** a plaintext line longer than limits.ingest.maxLineBytes */
  TooLong: 'too_long',
  /** the metric name is not UTF-8 */
  Encoding: 'encoding',
  /** the storage engine refused the name */
  Name: 'name',
  /** older than the longest retention of the series */
  TooOld: 'too_old',
  /** an item of a pickle or JSON body that is not a (path, (timestamp, value)) point */
  Shape: 'shape',
} as const;
export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason];

/** How a reason reads in a log line or an HTTP answer. */
export const REJECT_MESSAGES: Readonly<Record<RejectReason, string>> = {
  fields: 'expected "path value [timestamp]"',
  value: 'value is not a number',
  timestamp: 'timestamp is not a finite number',
  too_long: 'line too long',
  encoding: 'metric name is not valid UTF-8',
  name: 'invalid metric name',
  too_old: 'timestamp older than the retention of the series',
  shape: 'not a point (path, value, timestamp)',
};
