/**
 * Why an evaluation message failed. Only MalformedMessageError is permanent: the handler lets it
 * reach the dead-letter queue with its reason. The others clear up on a later receive.
 */

/** The message is not one of the bodies the evaluation queue carries; retrying cannot help. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
  /** Path of the offending field (`detail.configurationItem.resourceType`), or `(body)`. */
  readonly field: string;
  constructor(field: string, detail: string, options?: ErrorOptions) {
    super(`malformed evaluation message: ${field}: ${detail}`, options);
    this.field = field;
  }
}

export function isMalformedMessageError(error: unknown): error is MalformedMessageError {
  return error instanceof MalformedMessageError;
}

/**
 * An oversized notification arrived before AWS Config's history holds its item (the history
 * answers an older configuration, or none): a later receive finds it.
 */
export class ItemNotYetInHistoryError extends Error {
  override readonly name = 'ItemNotYetInHistoryError';
  constructor(resource: string, wanted: number | undefined, found: number | undefined) {
    super(
      `AWS Config history has no item ${wanted === undefined ? '' : `with configurationStateId ${wanted} `}for ${resource} yet` +
        `${found === undefined ? '' : ` (latest: ${found})`}; the message will be retried`,
    );
  }
}

/** Other writers kept changing the resource's findings while it was evaluated. */
export class RecordConflictError extends Error {
  override readonly name = 'RecordConflictError';
  constructor(resource: string, attempts: number) {
    super(`${resource} changed under ${attempts} consecutive evaluations; the message will be retried`);
  }
}
