/**
 * An in-process schedule (croner, Europe/London), started with the server. On Azure App Service keep
 * "Always On" so the process is up when it fires; with several instances each fires, and the work it runs
 * claims itself in the store (once per day, per reminder), so it happens once.
 */
import { Cron } from 'croner';

export interface Schedule {
  /** Starts it; returns when it next runs. */
  start(): Date | null;
  stop(): void;
}

export function schedule(
  pattern: string,
  log: (message: string) => void,
  name: string,
  run: () => Promise<void>,
): Schedule {
  let job: Cron | undefined;
  return {
    start() {
      job ??= new Cron(
        pattern,
        {
          timezone: 'Europe/London',
          protect: true,
          catch: (err) => log(`${name} failed: ${(err as Error).name}: ${(err as Error).message}`),
        },
        run,
      );
      return job.nextRun();
    },
    stop() {
      job?.stop();
      job = undefined;
    },
  };
}
