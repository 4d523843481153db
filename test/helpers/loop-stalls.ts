import { monitorEventLoopDelay } from 'node:perf_hooks';

/** What a LoopWatch saw. */
export interface LoopStalls {
  /**
   * 50 ms periods the event loop was held by this process: each delay between two samples
   * counts floor(delay / 50) periods, so one 2 s block counts 40 and a 60 ms pause 1. A delay
   * counts only as far as this process used the CPU meanwhile: on a machine shared with other
   * work, a process that was not scheduled did not hold its loop.
   */
  readonly heldPeriods: number;
  /** the delays over 50 ms, in ms (bounded by the CPU time as above), for the failure message */
  readonly delays: number[];
  /** perf_hooks' view of the same time: the largest event-loop delay, ms */
  readonly maxDelayMs: number;
}

const PERIOD_MS = 50;

/**
 * Watches the event loop with a sampling timer (every 5 ms) and perf_hooks'
 * monitorEventLoopDelay, until stop().
 */
export function watchLoop(): { stop(): LoopStalls } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const delays: number[] = [];
  let heldPeriods = 0;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const sample = () => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const held = Math.min(now - last, (cpu.user + cpu.system) / 1000);
    if (held > PERIOD_MS) {
      delays.push(Math.round(held));
      heldPeriods += Math.floor(held / PERIOD_MS);
    }
    last = now;
    lastCpu = process.cpuUsage();
  };
  const timer = setInterval(sample, 5);
  return {
    stop() {
      sample();
      clearInterval(timer);
      histogram.disable();
      return { heldPeriods, delays, maxDelayMs: histogram.max / 1e6 };
    },
  };
}
