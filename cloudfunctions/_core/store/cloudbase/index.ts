// The CloudBase adapter; `import … from './store/cloudbase'` resolves here.
export { CloudBaseStore, type CloudBaseStoreOptions } from './store'
export { isCollectionMissing, isDuplicateKeyError, isTransactionConflict } from './errors'
export { decodeDoc, decodeLocation, encodeDoc, encodeLocation, escapeRegExp, toQuery, toUpdate } from './query'
export { matchesWhere } from './match'
export type { CbAggregate, CbBuilders, CbCollection, CbCommand, CbDb, CbDocRef, CbQuery, CbTransaction } from './types'
