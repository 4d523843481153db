import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** What a LoopWatch saw. */
export interface LoopStalls {
  /**
   * 50 ms periods the event loop was held by this process: each delay between two samples
   * counts floor(delay / 50) periods, so one 2 s block counts 40 and a 60 ms pause 1. A delay
   * counts only as far as this process' main thread was on a CPU meanwhile: on a machine shared
   * with other work (the test runner runs two files at once on two cores), a thread that was not
   * scheduled did not hold its loop, and the CPU of other threads (garbage collection helpers,
   * the libuv pool) is not the loop's.
   */
  readonly heldPeriods: number;
  /** the delays over 50 ms, in ms (bounded by the CPU time as above), for the failure message */
  readonly delays: number[];
  /** perf_hooks' view of the same time: the largest event-loop delay, ms */
  readonly maxDelayMs: number;
}

const PERIOD_MS = 50;

const MAIN_THREAD_SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/**
 * CPU ms of the main thread: Linux's scheduler statistics (the time on a CPU, in ns), or the
 * whole process' CPU where /proc does not have them.
 */
function mainThreadCpuMs(): number {
  try {
    const schedstat = readFileSync(MAIN_THREAD_SCHEDSTAT, 'latin1');
    return Number(schedstat.slice(0, schedstat.indexOf(' '))) / 1e6;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

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
  let lastCpu = mainThreadCpuMs();
  const sample = () => {
    const now = performance.now();
    const cpu = mainThreadCpuMs();
    const held = Math.min(now - last, cpu - lastCpu);
    if (held > PERIOD_MS) {
      delays.push(Math.round(held));
      heldPeriods += Math.floor(held / PERIOD_MS);
    }
    last = now;
    lastCpu = cpu;
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
