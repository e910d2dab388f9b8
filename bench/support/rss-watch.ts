import { readFileSync } from 'node:fs';

/** The app process's peak resident set (VmHWM), sampled while it runs. */
export function rssWatch(pid: number) {
  const read = (field: string) => {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  };
  let peak = 0;
  const sample = () => {
    try {
      peak = Math.max(peak, read('VmHWM'));
    } catch {
      /* exited */
    }
  };
  const timer = setInterval(sample, 250);
  return {
    peak: () => (sample(), peak),
    stop: () => clearInterval(timer),
  };
}
