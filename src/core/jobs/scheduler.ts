import { errorSummary } from '../log.js';

/**
 * Runs a periodic job in this process. Jobs must be safe to run in several app instances at once
 * (they claim rows with SKIP LOCKED and check state on update), so no leader election is needed,
 * and a job missed while the process was down simply runs at the next tick after start-up.
 */
export function every(ms: number, name: string, job: () => Promise<unknown>, log: (msg: string) => void = console.error): () => void {
  let running = false;
  const tick = async () => {
    if (running) return; // a slow run is not overlapped by the next tick
    running = true;
    try {
      await job();
    } catch (err) {
      // The error's name and code only: a failed query's message lists its parameters.
      log(`job ${name} failed: ${errorSummary(err)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, ms);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
