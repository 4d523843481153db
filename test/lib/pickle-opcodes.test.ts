import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { HIGHEST_PROTOCOL, Op } from '../../src/lib/pickle-opcodes.js';

// CPython's pickletools.opcodes, captured by test/fixtures/pickle/capture-opcodes.py
const golden = JSON.parse(readFileSync('test/fixtures/pickle/opcodes.json', 'utf8')) as { highestProtocol: number; opcodes: Array<[string, number, number]> };

test("the opcode table is CPython's: every opcode, each with its byte", () => {
  assert.ok(golden.opcodes.length >= 68);
  const expected = Object.fromEntries(golden.opcodes.map(([name, code]) => [name, code]));
  assert.deepEqual({ ...Op }, expected);
  assert.equal(HIGHEST_PROTOCOL, golden.highestProtocol);
});
