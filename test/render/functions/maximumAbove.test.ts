import { test } from 'node:test';
import { maximumAbove } from '../../../src/render/functions/maximumAbove.js';
import { assertKeeps } from './rank-fixture.js';

test('keeps the series whose max is above n (strictly), not those without values', () => assertKeeps(maximumAbove, 4, ['a', 'b']));
