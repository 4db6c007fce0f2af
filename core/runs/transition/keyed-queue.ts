/**
 * Tasks of the same key run one after another, in call order (each after the previous one settled,
 * whatever its outcome); tasks of different keys run at once. A task learns whether it waited for
 * another. Nothing is kept for a key once its last task has settled.
 */
export type KeyedQueue = <T>(key: string, task: (waited: boolean) => Promise<T>) => Promise<T>;

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<void>>();
  return <T>(key: string, task: (waited: boolean) => Promise<T>): Promise<T> => {
    const before = tails.get(key);
    const result = before ? before.then(() => task(true)) : Promise.resolve().then(() => task(false));
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}
