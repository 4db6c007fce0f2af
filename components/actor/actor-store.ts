import { useSyncExternalStore } from 'react';
import { MAX_ACTOR_LENGTH } from './actor-header';

const STORAGE_KEY = 'signalbox.actor';
const listeners = new Set<() => void>();

/** The name the operator typed ("Acting as …"), or '' when none was set. */
export function readActor(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function writeActor(name: string): void {
  const trimmed = name.trim().slice(0, MAX_ACTOR_LENGTH);
  try {
    if (trimmed) localStorage.setItem(STORAGE_KEY, trimmed);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage unavailable (private mode): the name lasts until the page reloads.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The operator's name, kept in step across components and tabs. */
export function useActor(): string {
  return useSyncExternalStore(subscribe, readActor, () => '');
}
