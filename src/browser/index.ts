/**
 * Headless Chromium for the report's PDF and the dashboard's end-to-end tests: a system
 * browser where one is installed, else the one that comes with `npm ci`.
 */
export {
  findChromium,
  isExecutableFile,
  SYSTEM_CHROMIUM_PATHS,
  type ChromiumChoice,
  type ChromiumPreference,
  type ChromiumSource,
} from './findChromium.ts';
export { launchHeadless, HEADLESS_ARGS, type HeadlessBrowser, type LaunchOptions } from './launch.ts';
