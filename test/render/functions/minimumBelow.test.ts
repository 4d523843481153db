import { test } from 'node:test';
import { minimumBelow } from '../../../src/render/functions/minimumBelow.js';
import { assertKeeps } from './rank-fixture.js';

test('keeps the series whose min is at most n, and those without values', () => assertKeeps(minimumBelow, 3, ['a', 'c', 'd']));
