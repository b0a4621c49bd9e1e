import type { z } from 'zod'
import { call } from '@/api/client'
import type { applyInput } from '@/contracts/membership/schemas'

/** What `applyInput` yields after trimming and upper-casing: send that, the same value the form checked. */
export type ApplyData = z.output<typeof applyInput>

export const getOptions = () => call('membership', 'options')
export const getMyStatus = () => call('membership', 'myStatus')
export const submitApplication = (data: ApplyData) => call('membership', 'apply', data)
export const withdrawApplication = () => call('membership', 'withdraw')
export const getCard = () => call('membership', 'card')

export const MEMBERSHIP_HOME = '/pages/membership/index/index'
export const APPLY_PAGE = '/pages/membership/apply/index'
export const CARD_PAGE = '/pages/membership/card/index'
export const TRANSFER_PAGE = '/pages/membership/transfer/index'
