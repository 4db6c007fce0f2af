'use client';

import { type ThemePreference, useThemePreference, writeThemePreference } from './theme-preference';

const NEXT: Record<ThemePreference, ThemePreference> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemePreference, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Cycles system → light → dark; the choice is kept in localStorage. */
export function ThemeToggle() {
  const preference = useThemePreference();
  return (
    <div className="actor-row">
      <span className="sidebar-label">Theme</span>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => writeThemePreference(NEXT[preference])}
        aria-label={`Theme: ${LABEL[preference]}. Switch to ${LABEL[NEXT[preference]]}`}
      >
        {LABEL[preference]}
      </button>
    </div>
  );
}
