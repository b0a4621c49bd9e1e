import type { z } from 'zod'
import { call } from '@/api/client'
import type { applyInput, MemberCard, MembershipOptions, MyApplication } from '@/contracts/membership/schemas'

/** What `applyInput` yields after trimming and upper-casing: send that, the same value the form checked. */
export type ApplyData = z.output<typeof applyInput>

export const getOptions = () => call<MembershipOptions>('membership', 'options')
export const getMyStatus = () => call<{ application: MyApplication | null }>('membership', 'myStatus')
export const submitApplication = (data: ApplyData) => call<MyApplication>('membership', 'apply', data)
export const withdrawApplication = () => call<{ withdrawn: true }>('membership', 'withdraw')
export const getCard = () => call<MemberCard>('membership', 'card')

export const MEMBERSHIP_HOME = '/pages/membership/index/index'
export const APPLY_PAGE = '/pages/membership/apply/index'
export const CARD_PAGE = '/pages/membership/card/index'
