import { RateLimitedLog } from '../../lib/logger.js';
import { IngestBatch, IngestCounters } from '../ingest-batch.js';
import { decodeCarbonPickle } from '../pickle/carbon-pickle.js';
import { UnpicklingError } from '../pickle/unpickler.js';
import type { BindAddress, IngestDeps } from './deps.js';
import { FrameReader } from './frame-reader.js';
import { TcpIngestServer } from './tcp-server.js';

/**
 * Carbon pickle over TCP (carbon's port 2004): frames of a 4-byte big-endian length and a
 * pickled list of `(path, (timestamp, value))`. A frame that does not unpickle is counted and
 * skipped, and the connection lives on (its framing is intact); a length over
 * `maxFrameBytes` closes the connection, as carbon does, since what follows cannot be framed.
 * The frames completed by one socket read are committed together, before the next read.
 * Counters under `ingest.pickle` (`.frames`, `.frames_rejected`, `.frames_oversized`,
 * `.frames_truncated` besides the usual ones).
 */
export function pickleTcpListener(at: BindAddress, maxFrameBytes: number, deps: IngestDeps, stopGraceMs?: number): TcpIngestServer {
  const counters = new IngestCounters(deps.stats, 'ingest.pickle');
  const frames = counters.counter('frames');
  const badFrames = counters.counter('frames_rejected');
  const oversized = counters.counter('frames_oversized');
  const truncated = counters.counter('frames_truncated');
  const rejects = new RateLimitedLog(deps.log);
  const badFrameLog = new RateLimitedLog(deps.log);
  return new TcpIngestServer({
    name: 'carbon-pickle-tcp',
    host: at.host,
    port: at.port,
    log: deps.log,
    counters,
    stopGraceMs,
    backlog: deps.writer.backlog ? () => deps.writer.backlog!() : undefined,
    handler(_socket, peer, close) {
      const batch = new IngestBatch(deps.writer, counters, rejects, { source: `pickle ${peer}`, unit: 'item' });
      const reader = new FrameReader(maxFrameBytes);
      const onFrame = (frame: Buffer) => {
        frames.value++;
        try {
          decodeCarbonPickle(frame, batch);
        } catch (err) {
          if (!(err instanceof UnpicklingError)) throw err;
          badFrames.value++;
          badFrameLog.warn({ source: `pickle ${peer}`, bytes: frame.length, error: err.message }, 'ingest: invalid pickle frame, skipped');
        }
      };
      let ended = false;
      return {
        data(chunk) {
          try {
            const tooLong = reader.push(chunk, onFrame);
            batch.commit();
            if (tooLong >= 0) {
              oversized.value++;
              close(`pickle frame of ${tooLong} bytes is larger than ${maxFrameBytes}`);
            }
          } catch (err) {
            batch.abandon();
            throw err;
          }
        },
        end() {
          ended = true;
          if (reader.pendingBytes > 0) {
            truncated.value++;
            badFrameLog.warn({ source: `pickle ${peer}`, bytes: reader.pendingBytes }, 'ingest: connection ended inside a pickle frame, partial frame dropped');
          }
          reader.clear();
        },
        close() {
          if (!ended && reader.pendingBytes > 0) truncated.value++;
          reader.clear();
        },
      };
    },
  });
}
