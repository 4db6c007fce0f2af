/** Where the theme choice is kept (absent = follow the system). */
export const THEME_STORAGE_KEY = 'signalbox.theme';

/**
 * Runs in <head> before the first paint: applies a stored light/dark choice, so a dark-mode operator
 * never sees a white flash. "system" leaves the attribute off and CSS follows prefers-color-scheme.
 */
export const THEME_BOOT_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==='light'||t==='dark')document.documentElement.setAttribute('data-theme',t)}catch(e){}})()`;
