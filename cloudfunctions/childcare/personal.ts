import { ACCESS_LOG_RETENTION_YEARS } from '../../src/contracts/childcare/privacy'
import type { Ctx } from '../_core/contract'
import { AppError } from '../_core/errors'
import { count, definePersonal, type Erasure } from '../_core/personal'
import { cancel } from './booking'
import {
  ACCESS_LOG,
  ATTENDANCE,
  BALLOTS,
  BOOKINGS,
  CHILD_IDS,
  CHILDREN,
  CLASSES,
  CONSENTS,
  HISTORY,
  INTENTS,
  SECRETS,
  type BookingDoc,
  type ChildDoc,
  type ClassDoc,
} from './model'
import { keepAttendance } from './privacy'
import { markChildDeleted } from './children'
import { beijingDay } from '../../src/contracts/time'

const MAX = 200

/**
 * Bookings of classes that have ended are only records and go, their attendance kept under the keyed hash of
 * the child's 身份证号 (so the 70% rule survives deletion and registering again); others are cancelled by the
 * booking rules (a place freed goes to the waitlist), except a confirmed place past its cancel deadline (a
 * running or imminent class: the contract with the organiser), which stays. Children without a booking left go,
 * with their ID-number lock; the history and, once no child is left, the consent record go too.
 */
async function erase(ctx: Ctx, out: Erasure): Promise<void> {
  const openid = ctx.caller.openid
  const today = beijingDay(ctx.now())
  const bookings = await ctx.store.find<BookingDoc>(BOOKINGS, { where: { parentOpenid: openid }, limit: MAX })
  const keptChildren = new Set<string>()
  let attendanceKept = 0
  for (const b of bookings) {
    const cls = await ctx.store.get<ClassDoc>(CLASSES, b.classId)
    if (!cls || cls.endDate < today) {
      const child = await ctx.store.get<ChildDoc>(CHILDREN, b.childId)
      if (cls && child && b.status === 'confirmed') {
        await keepAttendance(ctx, b, cls, child.idHash)
        attendanceKept++
      }
      count(out, BOOKINGS, await ctx.store.remove(BOOKINGS, { _id: b._id }))
      continue
    }
    try {
      await cancel(ctx, b._id)
      count(out, BOOKINGS, 1)
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'CLOSED' && e.code !== 'NOT_FOUND')) throw e
      if (e.code === 'NOT_FOUND') continue
      keptChildren.add(b.childId)
      out.kept.push({
        what: `${b.childName} 的托管预约（${cls.title}）`,
        reason: `已确认参加且已过取消截止时间，如需退出请联系${cls.orgName}`,
        retention: `托管班结束（${cls.endDate}）后可删除；未删除的在结束 90 天后自动删除`,
      })
    }
  }
  count(out, HISTORY, await ctx.store.remove(HISTORY, { parentOpenid: openid }))
  const children = await ctx.store.find<ChildDoc>(CHILDREN, { where: { parentOpenid: openid, deletedAt: null }, limit: MAX })
  let left = 0
  for (const child of children) {
    if (keptChildren.has(child._id) || (await ctx.store.count(BOOKINGS, { childId: child._id })) > 0) {
      left++
      continue
    }
    // Marked (its details cleared) now; the record and its ID lock go a few minutes later, once no booking
    // that read the child can still land (children.ts).
    await markChildDeleted(ctx, child)
    count(out, CHILDREN, 1)
  }
  // The consent covers the children still held; with none left it goes too.
  if (!left) count(out, CONSENTS, await ctx.store.remove(CONSENTS, { _id: openid }))
  if (attendanceKept) {
    out.kept.push({
      what: '往期托管出勤率（不含姓名，只以身份证号的加密摘要为索引）',
      reason: '上一期出勤不足 70% 的孩子下一期不能报名：删除后重新登记同一孩子，这条规则仍然适用',
      retention: '到下一期托管结束的当年年底',
    })
  }
}

export default definePersonal({
  collections: {
    [CLASSES]: { none: '托管班信息，由工会填写' },
    [CHILDREN]: { owner: 'parentOpenid', erase: 'domain', how: '没有进行中预约的孩子删除；进行中的随预约保留' },
    [CHILD_IDS]: { owner: 'childId', erase: 'domain', how: '身份证号的密钥哈希，随孩子删除' },
    [BOOKINGS]: { owner: 'parentOpenid', erase: 'domain', how: '已结束的删除（出勤率另存），未开始的取消，已过取消截止的保留并说明' },
    [HISTORY]: { owner: 'parentOpenid', erase: 'delete' },
    [SECRETS]: { none: '抽签种子' },
    [BALLOTS]: { none: '公开的抽签名单：只有申请编号的摘要和结果，不含孩子或家长信息' },
    [CONSENTS]: { owner: '_id', erase: 'domain', how: '没有孩子信息留下时删除' },
    [ACCESS_LOG]: {
      owner: 'staffOpenid',
      erase: 'keep',
      what: '您查看孩子信息的访问记录（工作人员）',
      reason: '《未成年人网络保护条例》要求记录工作人员查看未成年人信息，供年度审计',
      retention: `${ACCESS_LOG_RETENTION_YEARS} 年`,
    },
    [INTENTS]: { owner: 'parentOpenid', erase: 'delete' },
    [ATTENDANCE]: { owner: '_id', erase: 'domain', how: '不含姓名和 openid，以身份证号的密钥哈希为索引；保留并说明' },
  },
  erase,
})
