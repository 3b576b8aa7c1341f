/** The CLI's version (kept apart so `vigil --version` and `--help` load nothing else). */
export const VERSION = '0.1.0';
