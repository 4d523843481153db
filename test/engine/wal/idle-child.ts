// Run by write-ahead-log.test.ts: leaves a log open with a periodic fsync and just returns.
import { WriteAheadLog } from '../../../src/engine/wal/write-ahead-log.js';

const wal = WriteAheadLog.open(process.argv[2], { segmentBytes: 1 << 20, fsyncIntervalMs: 10 });
wal.append(Buffer.from('still here'));
