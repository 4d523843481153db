import { test } from 'node:test';
import { minimumAbove } from '../../../src/render/functions/minimumAbove.js';
import { assertKeeps } from './rank-fixture.js';

test('keeps the series whose min is above n (strictly), not those without values', () => assertKeeps(minimumAbove, 3, ['b']));
