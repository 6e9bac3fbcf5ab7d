import { spawnSync } from 'node:child_process';

/**
 * A Python that has numpy: `python3`, else Debian's `/usr/bin/python3`. `.ci/run` installs Debian's
 * python3-numpy when neither has it (the project reaches Debian's packages, not PyPI).
 */
export function pythonWithNumpy(): string {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import numpy'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  throw new Error("no Python with numpy: run 'apt-get install -y python3-numpy' (as .ci/run does)");
}
