/** Entry point for suites and scripts: one launch() for either browser. */
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { BrowserName, Driver, LaunchOptions } from './types';

export * from './types';
export { launchChromium, CHROMIUM_PATH, CHROME_EXTENSION_DIR } from './chromium';
export { launchFirefox, FIREFOX_PATH, FIREFOX_EXTENSION_DIR, FIREFOX_EXTENSION_UUID } from './firefox';

export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

export function launch(browser: BrowserName, options: LaunchOptions = {}): Promise<Driver> {
  return browser === 'chromium' ? launchChromium(options) : launchFirefox(options);
}
