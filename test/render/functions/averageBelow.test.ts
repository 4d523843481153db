import { test } from 'node:test';
import { averageBelow } from '../../../src/render/functions/averageBelow.js';
import { assertKeeps } from './rank-fixture.js';

test('keeps the series whose average is at most n, and those without values', () => assertKeeps(averageBelow, 4, ['a', 'c', 'd']));
