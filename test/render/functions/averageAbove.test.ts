import { test } from 'node:test';
import { averageAbove } from '../../../src/render/functions/averageAbove.js';
import { assertKeeps } from './rank-fixture.js';

test('keeps the series whose average is above n (strictly), not those without values', () => assertKeeps(averageAbove, 4, ['b']));
