/**
 * The local server on a thread of its own, as it runs beside Teams: not on the event loop of the bench,
 * which also drives the browsers through Playwright (three pages' protocol traffic held the server's
 * answers back by up to a third of a second). The bench moves the server's clock through shared memory,
 * so a move is seen by the next request however soon it follows.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { startLocalServer } from '../../test/support/local-server';

export interface ServerThread {
  base: string;
  /** Sets the server's clock (takes effect at once). */
  setNow(iso: string): void;
  /** Resolves once the server's work after its answers (the outbox, the case channels' cards) is done. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function startServerThread(now: string): Promise<ServerThread> {
  const clock = new BigInt64Array(new SharedArrayBuffer(8));
  const setNow = (iso: string) => Atomics.store(clock, 0, BigInt(Date.parse(iso)));
  setNow(now);
  // The thread runs this file through tsx's require hook, as the bench runs under tsx.
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, {
    eval: true,
    workerData: { clock },
  });
  const base = await new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { base: string }) => resolve(m.base));
    worker.once('error', reject);
  });
  return {
    base,
    setNow,
    idle: async () => {
      const done = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('idle');
      await done;
    },
    close: async () => {
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

if (!isMainThread && parentPort && (workerData as { clock?: unknown } | null)?.clock) {
  const port = parentPort;
  const clock = (workerData as { clock: BigInt64Array }).clock;
  void startLocalServer({ now: () => new Date(Number(Atomics.load(clock, 0))) }).then((local) => {
    port.postMessage({ base: local.base });
    port.on('message', (m: 'idle' | 'close') => {
      if (m === 'idle')
        void Promise.all([local.runtime.deliveries.idle(), local.runtime.teams.caseWorkspace.idle()]).then(
          () => port.postMessage('idle'),
        );
      else void local.close().then(() => process.exit(0));
    });
  });
}
