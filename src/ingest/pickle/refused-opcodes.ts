import { Op } from '../../lib/pickle-opcodes.js';

/**
 * Opcodes that exist but that this unpickler refuses: each one imports, calls or builds an
 * arbitrary object, or refers to data outside the pickle. Named so the error says which.
 * (GLOBAL, STACK_GLOBAL, REDUCE, BUILD, NEWOBJ and NEWOBJ_EX are read only for classes a
 * caller explicitly allows, and then only as data records: nothing is ever called.)
 */
const REFUSED = [
  'GLOBAL',
  'STACK_GLOBAL',
  'REDUCE',
  'BUILD',
  'INST',
  'OBJ',
  'NEWOBJ',
  'NEWOBJ_EX',
  'PERSID',
  'BINPERSID',
  'EXT1',
  'EXT2',
  'EXT4',
  'EMPTY_SET',
  'ADDITEMS',
  'FROZENSET',
  'NEXT_BUFFER',
  'READONLY_BUFFER',
] as const satisfies ReadonlyArray<keyof typeof Op>;

export const REFUSED_OPCODES: ReadonlyMap<number, string> = new Map(REFUSED.map((name) => [Op[name], name]));
