/**
 * The agent's liveness signal (--alive-file / ALIVE_FILE): after every completed tick of the
 * agent loop, the file is rewritten with the current time (ISO 8601, one line). The DaemonSet's
 * liveness probe (deploy/agent/daemonset.yaml) fails when that time is more than three check
 * intervals old.
 *
 * A tick completes whether or not it published: a refused or unreachable API server means
 * backoff, which is normal, and keeps the signal going. A check that never returns (say, a FUSE
 * call stuck past every timeout) stops it, and the kubelet restarts the container.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';

export interface AliveFile {
  /**
   * Removes what an earlier container left: an emptyDir outlives container restarts, and a
   * predecessor's last signal must not vouch for a process that has not completed a cycle yet.
   */
  clear: () => void;
  /** Writes the current time, atomically (the probe never reads half a file). */
  touch: () => void;
}

export const createAliveFile = (path: string, now: () => Date = () => new Date()): AliveFile => ({
  clear: () => rmSync(path, { force: true }),
  touch: () => {
    const partial = `${path}.partial`;
    writeFileSync(partial, `${now().toISOString()}\n`);
    renameSync(partial, path);
  },
});
