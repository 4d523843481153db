// Run by write-ahead-log.test.ts: appends numbered records to the log in argv[2] as fast as it
// can and prints each number once its append has returned, until it is killed.
import { WriteAheadLog } from '../../../src/engine/wal/write-ahead-log.js';
import { writeWholeSync } from '../../helpers/write-whole.js';
import { numberedRecord } from './records.js';

const wal = WriteAheadLog.open(process.argv[2], { segmentBytes: Number(process.argv[3]), fsyncIntervalMs: 1000 });
const limit = Number(process.argv[4]);
for (let i = 0; i < limit; i++) {
  wal.append(numberedRecord(i));
  writeWholeSync(1, `${i}\n`);
}
wal.close();
