/**
 * Identical reads answered once, without answering anyone from the past.
 *
 * Fifty open consoles hear the same run notice and ask for the same runs list within a few
 * milliseconds. Each caller of `share(key, read)` gets the result of a read that *started after it
 * called* (so it sees every commit it had heard of), but callers do not each start one: while a read
 * of a key is running, everyone who asks meanwhile waits for the one read that starts when it ends.
 * A key costs at most one read in flight and one waiting, whatever the number of callers; nothing is
 * kept once a read has answered its callers.
 */
export type SharedReads = <T>(key: string, read: () => Promise<T>) => Promise<T>;

interface Flight {
  /** The read that starts when this one ends, shared by everyone who asked while this one ran. */
  next?: { promise: Promise<unknown>; start: () => void };
}

export function createSharedReads(): SharedReads {
  const flights = new Map<string, Flight>();

  const run = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const flight: Flight = {};
    flights.set(key, flight);
    const done = () => {
      if (flight.next) flight.next.start();
      else flights.delete(key);
    };
    // A read that throws synchronously still hands its key on.
    return Promise.resolve().then(read).finally(done);
  };

  return <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const flight = flights.get(key);
    if (!flight) return run(key, read);
    if (!flight.next) {
      let start!: () => void;
      const promise = new Promise<T>((resolve, reject) => {
        start = () => void run(key, read).then(resolve, reject);
      });
      flight.next = { promise, start };
    }
    return flight.next.promise as Promise<T>;
  };
}
