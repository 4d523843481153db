import { test } from 'node:test';
import { currentBelow } from '../../../src/render/functions/currentBelow.js';
import { assertKeeps } from './rank-fixture.js';

test('keeps the series whose last non-null value is at most n, and those without values', () => assertKeeps(currentBelow, 3, ['a', 'c', 'd']));
