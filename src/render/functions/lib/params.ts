/** Parameters and suggestion lists many functions share. */
import { param } from '../../function-params.js';

/** `seriesList`, required: the first parameter of most functions */
export const SERIES_LIST = param.seriesList('seriesList', { required: true });
/** `*seriesLists`, at least one: the combiners' only parameter */
export const SERIES_LISTS = param.seriesList('seriesLists', { required: true, multiple: true });

/** graphite-web's suggestions for a window of points or an interval (moving*) */
export const INT_OR_INTERVAL_SUGGESTIONS = [5, 7, 10, '1min', '5min', '10min', '30min', '1hour'] as const;
/** graphite-web's suggestions for summarize-like buckets */
export const SUMMARIZE_SUGGESTIONS = ['10min', '1h', '1d'] as const;
/** graphite-web's suggestions for timeShift and timeStack */
export const TIME_SHIFT_SUGGESTIONS = ['1h', '6h', '12h', '1d', '2d', '7d', '14d', '30d'] as const;
