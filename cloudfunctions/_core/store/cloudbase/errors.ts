function errorCode(e: unknown): unknown {
  if (!e || typeof e !== 'object') return undefined
  const o = e as { code?: unknown; errCode?: unknown }
  return o.code ?? o.errCode
}

export function errorText(e: unknown): string {
  if (!e) return ''
  if (typeof e === 'string') return e
  if (typeof e !== 'object') return String(e)
  const o = e as { message?: unknown; errMsg?: unknown }
  return [o.message, o.errMsg].filter((s) => typeof s === 'string').join(' | ')
}

/**
 * A write refused because the id (or another unique index) is taken. CloudBase says DATABASE_DUPLICATE_WRITE;
 * wx-server-sdk and older gateways wrap the same refusal as a generic failure whose message still carries
 * MongoDB's E11000 / code 11000, so both are recognised — but not any message that merely says "duplicate".
 */
export function isDuplicateKeyError(e: unknown): boolean {
  const code = errorCode(e)
  if (code === 'DATABASE_DUPLICATE_WRITE' || code === 11000 || code === '11000') return true
  return /\bDATABASE_DUPLICATE_WRITE\b|\bE11000\b|duplicate key error/i.test(errorText(e))
}

/**
 * Reads of a collection nobody has written to yet fail on CloudBase; SQLite simply finds nothing. The SDK
 * defines no code for this: node-sdk passes the server's DATABASE_COLLECTION_NOT_EXIST through as `code`;
 * wx-server-sdk says errCode -502005 and "[ResourceNotFound] Db or Table not exist".
 */
export function isCollectionMissing(e: unknown): boolean {
  if (errorCode(e) === 'DATABASE_COLLECTION_NOT_EXIST') return true
  return /DATABASE_COLLECTION_NOT_EXIST|collection\s*(does\s*)?not\s*exists?|Db or Table not exist|-502005/i.test(errorText(e))
}

/**
 * geoNear found no geo index on `location`. Neither SDK has a code for it: the server passes MongoDB's planner
 * message through under its generic failure (node-sdk: DATABASE_REQUEST_FAILED; wx-server-sdk: errCode -502001,
 * "[FailedOperation.Query] (BadValue) … unable to find index for $geoNear query", as reported on WeChat's
 * developer forum). So the message decides: MongoDB's wordings for a missing geo index, from the planner (with
 * `key`, which this adapter always sends), from $geoNear without `key` (4.2+), and from the old geoNear command.
 */
export function isGeoIndexMissing(e: unknown): boolean {
  return /unable to find index for \$?geoNear|\$?geoNear requires a 2d or 2dsphere index|no geo indices for geoNear/i.test(errorText(e))
}

/**
 * A transaction reached a collection that does not exist. The server has already failed the transaction, so
 * nothing more may be tried inside it; not an AppError, so dispatch answers INTERNAL.
 */
export class CollectionMissingError extends Error {
  constructor(
    readonly collection: string,
    cause: unknown,
  ) {
    super(`collection ${collection} does not exist yet; the transaction was abandoned`, { cause })
    this.name = 'CollectionMissingError'
  }
}

export function isCollectionTaken(e: unknown): boolean {
  if (errorCode(e) === 'DATABASE_COLLECTION_ALREADY_EXIST') return true
  return /DATABASE_COLLECTION_ALREADY_EXIST|already\s*exists?/i.test(errorText(e))
}

/** Another transaction wrote the same document first; the whole transaction may simply run again. */
export function isTransactionConflict(e: unknown): boolean {
  if (errorCode(e) === 'DATABASE_TRANSACTION_CONFLICT') return true
  return /DATABASE_TRANSACTION_CONFLICT|WriteConflict|write conflict|TransientTransactionError/i.test(errorText(e))
}
