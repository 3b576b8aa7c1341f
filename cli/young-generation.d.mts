// Types of cli/young-generation.mjs (plain JavaScript: cli/vigil.mjs runs it before anything is built).
export declare const YOUNG_GENERATION_FLAG: string;
export declare const RESTART_ABOVE_BYTES: number;
export declare function restartArgs(run: {
  readonly args: readonly string[];
  readonly script: string;
  readonly execArgv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly canExec: boolean;
}): string[] | undefined;
