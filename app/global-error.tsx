'use client';

import { THEME_BOOT_SCRIPT } from '../components/theme/theme-boot-script';
import './globals.css';

/** When even the layout fails: a bare page that still follows the theme and offers a retry. */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <head>
        <title>Signalbox: error</title>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script that applies the stored theme */}
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body>
        <main className="main stack" style={{ maxWidth: 640 }}>
          <h1>Signalbox could not load</h1>
          <p className="alert" role="alert">
            The console failed to render. Check that it and its database are running, then try again.
          </p>
          <div className="button-row">
            <button type="button" className="btn btn-primary" onClick={() => retry()}>
              Try again
            </button>
          </div>
        </main>
      </body>
    </html>
  );
}
