import { accountApi } from '../../src/contracts/account/api'
import { childcareApi } from '../../src/contracts/childcare/api'
import { legalAidApi } from '../../src/contracts/legalAid/api'
import { membershipApi } from '../../src/contracts/membership/api'
import { messagesApi } from '../../src/contracts/messages/api'
import { orgsApi } from '../../src/contracts/orgs/api'
import { profileApi } from '../../src/contracts/profile/api'
import { quizApi } from '../../src/contracts/quiz/api'
import { stationsApi } from '../../src/contracts/stations/api'
import { DOMAINS, todoText, workbenchTiles, type WorkbenchTile } from '../../src/domains'

const CONTRACTS: Record<string, Record<string, { kind: string }>> = {
  account: accountApi,
  childcare: childcareApi,
  legalAid: legalAidApi,
  membership: membershipApi,
  messages: messagesApi,
  orgs: orgsApi,
  profile: profileApi,
  quiz: quizApi,
  stations: stationsApi,
}

const badged = DOMAINS.flatMap((d) => [...(d.workbench ?? []), ...(d.me ?? [])]).filter((e) => e.badge)

describe('待办 and badges from the manifest', () => {
  test('every count behind a badge is declared a query (the client may ask it twice; it writes nothing)', () => {
    expect(badged.length).toBeGreaterThan(0)
    for (const e of badged) expect([e.title, CONTRACTS[e.badge!.fn]?.[e.badge!.action]?.kind]).toEqual([e.title, 'query'])
  })

  test('every badged 工作台 tile says its 待办 in words, with the count where it has one', () => {
    for (const t of DOMAINS.flatMap((d) => d.workbench ?? []).filter((x) => x.badge)) {
      expect([t.title, typeof t.todo]).toEqual([t.title, 'string'])
      expect(todoText(t, 3)).not.toContain('{n}')
    }
    const review = workbenchTiles(['staff']).find((t) => t.title === '入会审核')!
    expect(todoText(review, 3)).toBe('3 份入会申请待审核')
    const bare: WorkbenchTile = { title: '某事', subtitle: '', url: '/x', roles: ['staff'] }
    expect(todoText(bare, 2)).toBe('某事 2 项')
  })

  test('staff, lawyers and keepers each have something that can wait for them', () => {
    for (const role of ['staff', 'lawyer', 'keeper', 'admin'] as const)
      expect([role, workbenchTiles([role]).some((t) => t.badge)]).toEqual([role, true])
  })

  test('我的 groups: 个人信息 under 个人信息与隐私, 工作人员激活 under 工作人员, the rest under 我的服务', () => {
    const me = DOMAINS.flatMap((d) => d.me ?? [])
    expect(me.filter((e) => e.group === 'privacy').map((e) => e.title)).toEqual(['个人信息'])
    expect(me.filter((e) => e.group === 'staff').map((e) => e.title)).toEqual(['工作人员激活'])
    expect(me.filter((e) => !e.group).map((e) => e.title)).toContain('消息中心')
  })
})
