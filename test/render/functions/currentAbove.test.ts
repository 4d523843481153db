import { test } from 'node:test';
import { currentAbove } from '../../../src/render/functions/currentAbove.js';
import { assertKeeps } from './rank-fixture.js';

test('keeps the series whose last non-null value is above n, not those without values', () => assertKeeps(currentAbove, 2, ['b', 'c']));
