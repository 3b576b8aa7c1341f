/** A configuration item that cannot be read; names the field so a user can find it. */
export class ConfigItemError extends Error {
  override readonly name = 'ConfigItemError';
  readonly field: string;
  constructor(field: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.field = field;
  }
}

export function isConfigItemError(error: unknown): error is ConfigItemError {
  return error instanceof ConfigItemError;
}

/** A snapshot / CI file that cannot be read: names the file, the item and the field. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  readonly file: string;
  /** 0-based index of the item within the file, when the problem is one item. */
  readonly item: number | undefined;
  readonly field: string | undefined;
  constructor(file: string, item: number | undefined, field: string | undefined, detail: string, options?: ErrorOptions) {
    const where = [item === undefined ? undefined : `item ${item}`, field === undefined ? undefined : `field "${field}"`]
      .filter(Boolean)
      .join(', ');
    super(`${file}${where ? `: ${where}` : ''}: ${detail}`, options);
    this.file = file;
    this.item = item;
    this.field = field;
  }
}

export function isSnapshotError(error: unknown): error is SnapshotError {
  return error instanceof SnapshotError;
}
