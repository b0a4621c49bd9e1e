/** Where the 入会 pages live, for links between them. */
export const MEMBERSHIP_HOME = '/pages/membership/index/index'
export const APPLY_PAGE = '/pages/membership/apply/index'
export const CARD_PAGE = '/pages/membership/card/index'
export const TRANSFER_PAGE = '/pages/membership/transfer/index'
export const APPLICATION_PAGE = '/pages/membership/review-detail/index'
export const VERIFY_CARD_PAGE = '/pages/membership/verify/index'
export const CLAIM_PAGE = '/pages/membership/claim/index'
export const LOOKUP_PAGE = '/pages/membership/lookup/index'
