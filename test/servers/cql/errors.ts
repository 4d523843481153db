// ERROR responses (native_protocol_v4.spec section 9): a code, a message and the extra fields
// some codes carry, which the driver turns into its own ResponseError with those fields.

import type { BodyWriter } from './frame.js';

export const ErrorCode = {
  SERVER_ERROR: 0x0000,
  PROTOCOL_ERROR: 0x000a,
  BAD_CREDENTIALS: 0x0100,
  UNAVAILABLE: 0x1000,
  OVERLOADED: 0x1001,
  IS_BOOTSTRAPPING: 0x1002,
  TRUNCATE_ERROR: 0x1003,
  WRITE_TIMEOUT: 0x1100,
  READ_TIMEOUT: 0x1200,
  READ_FAILURE: 0x1300,
  WRITE_FAILURE: 0x1500,
  SYNTAX_ERROR: 0x2000,
  UNAUTHORIZED: 0x2100,
  INVALID: 0x2200,
  CONFIG_ERROR: 0x2300,
  ALREADY_EXISTS: 0x2400,
  UNPREPARED: 0x2500,
} as const;

export const Consistency = {
  ANY: 0x0000,
  ONE: 0x0001,
  TWO: 0x0002,
  THREE: 0x0003,
  QUORUM: 0x0004,
  ALL: 0x0005,
  LOCAL_QUORUM: 0x0006,
  EACH_QUORUM: 0x0007,
  SERIAL: 0x0008,
  LOCAL_SERIAL: 0x0009,
  LOCAL_ONE: 0x000a,
} as const;

export type WriteType = 'SIMPLE' | 'BATCH' | 'UNLOGGED_BATCH' | 'COUNTER' | 'BATCH_LOG';

export class CqlError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** Writes the fields that follow the message for this code. */
    readonly extra?: (w: BodyWriter) => void,
  ) {
    super(message);
  }

  static syntax(msg: string): CqlError {
    return new CqlError(ErrorCode.SYNTAX_ERROR, msg);
  }
  static invalid(msg: string): CqlError {
    return new CqlError(ErrorCode.INVALID, msg);
  }
  static config(msg: string): CqlError {
    return new CqlError(ErrorCode.CONFIG_ERROR, msg);
  }
  static protocol(msg: string): CqlError {
    return new CqlError(ErrorCode.PROTOCOL_ERROR, msg);
  }
  static server(msg: string): CqlError {
    return new CqlError(ErrorCode.SERVER_ERROR, msg);
  }
  static overloaded(msg = 'Server is in overloaded state. Cannot accept more requests at this point'): CqlError {
    return new CqlError(ErrorCode.OVERLOADED, msg);
  }
  static alreadyExists(keyspace: string, table: string): CqlError {
    const msg = table ? `Object ${keyspace}.${table} already exists` : `Keyspace ${keyspace} already exists`;
    return new CqlError(ErrorCode.ALREADY_EXISTS, msg, (w) => w.string(keyspace).string(table));
  }
  static unprepared(id: Buffer): CqlError {
    return new CqlError(ErrorCode.UNPREPARED, `Prepared query with ID ${id.toString('hex')} not found (either the query was not prepared on this host (maybe the host has been restarted?) or you have prepared too many queries and it has been evicted from the internal cache)`, (w) => w.shortBytes(id));
  }
  static unavailable(cl: number, required: number, alive: number): CqlError {
    return new CqlError(ErrorCode.UNAVAILABLE, 'Cannot achieve consistency level ' + consistencyName(cl), (w) => w.short(cl).int(required).int(alive));
  }
  static readTimeout(cl: number, received: number, blockFor: number, dataPresent: boolean): CqlError {
    return new CqlError(
      ErrorCode.READ_TIMEOUT,
      `Operation timed out - received only ${received} responses.`,
      (w) => w.short(cl).int(received).int(blockFor).byte(dataPresent ? 1 : 0),
    );
  }
  static writeTimeout(cl: number, received: number, blockFor: number, writeType: WriteType): CqlError {
    return new CqlError(
      ErrorCode.WRITE_TIMEOUT,
      `Operation timed out - received only ${received} responses.`,
      (w) => w.short(cl).int(received).int(blockFor).string(writeType),
    );
  }
}

export function consistencyName(cl: number): string {
  for (const [k, v] of Object.entries(Consistency)) if (v === cl) return k;
  return `UNKNOWN(${cl})`;
}
