/** Authentication settings; the edges build them from the environment (core never reads it). */
export interface AuthConfig {
  /** Signs session cookies; at least 32 characters. */
  secret: string;
  /** Where people reach the console, e.g. https://signalbox.example.org. */
  baseUrl: string;
  /** A session unused for this long is over (default 30 minutes). */
  idleTimeoutMinutes: number;
  /** No session lives longer than this, used or not (default 12 hours). */
  maxSessionHours: number;
}

export const secureCookies = (config: AuthConfig): boolean => config.baseUrl.startsWith('https://');
