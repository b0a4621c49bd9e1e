import type { Actions } from '../_core/contract'

/** Not open yet: the app shows 「即将开放」 and every call answers NOT_FOUND until its issue lands. */
export const membershipActions: Actions = {}
