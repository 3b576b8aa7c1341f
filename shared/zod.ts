/**
 * zod/mini, with zod's English messages. Every module imports zod through here:
 * `import * as z from '../zod.ts'`.
 *
 * zod/mini is zod 4's functional API (same package, same core, same checks and messages as
 * classic `zod`), and unlike classic zod it tree-shakes: each Lambda bundle keeps only the
 * schemas and checks it uses (classic zod was ~440 KiB of every bundle; docs/benchmarks.md,
 * "Lambda bundles"). Unlike classic zod it sets no locale, and every message would read
 * "Invalid input"; users read these messages (API 400s, bad snapshots, bad rule parameters), so
 * this module sets English once, before any schema parses.
 *
 * `export *` rather than re-exporting a `z` namespace object: esbuild tree-shakes property
 * accesses on `import * as z`, not on a namespace object passed along as a value.
 */
import { config } from 'zod/mini';
import { en } from 'zod/v4/locales';

config(en());

export * from 'zod/mini';
