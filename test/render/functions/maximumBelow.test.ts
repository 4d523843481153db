import { test } from 'node:test';
import { maximumBelow } from '../../../src/render/functions/maximumBelow.js';
import { assertKeeps } from './rank-fixture.js';

test('keeps the series whose max is at most n, and those without values', () => assertKeeps(maximumBelow, 5, ['b', 'c', 'd']));
