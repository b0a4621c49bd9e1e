import type { Store } from './store/port'

/**
 * Whether a WeChat account is a union member, for every service with a member-only rule (托管班, 答题活动 …).
 * 会籍状态: 正常 and 保留会籍 are members (a retained member keeps their rights: src/contracts/membership/standing.ts
 * RETAINED_RULES); 已转出 and 已注销 are not. One read, so a rush path pays the same as before.
 */
export async function memberStanding(store: Store, openid: string): Promise<{ member: boolean; retained: boolean }> {
  if (!openid) return { member: false, retained: false }
  const [doc] = await store.find<{ _id: string; retained?: unknown }>('applications', {
    where: { applicantOpenid: openid, status: 'approved' },
    limit: 1,
  })
  return { member: !!doc, retained: !!doc?.retained }
}

export async function isMember(store: Store, openid: string): Promise<boolean> {
  return (await memberStanding(store, openid)).member
}
