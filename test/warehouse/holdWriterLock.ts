/**
 * A process that holds a workspace's writer lock, for the lock tests: takes it as the
 * command given, prints `locked`, and releases it and exits when its standard input closes
 * (or is killed, leaving a stale lock). Run: node --import tsx holdWriterLock.ts DIR COMMAND
 */
import { acquireWriterLock } from '../../src/warehouse/index.ts';

const [dir, command] = process.argv.slice(2);
const lock = await acquireWriterLock(dir!, command!, { waitMs: 0 });
process.stdout.write('locked\n');
process.stdin.resume();
process.stdin.on('end', () => {
  lock.release();
  process.exit(0);
});
