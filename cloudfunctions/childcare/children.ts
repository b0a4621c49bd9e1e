import type { childcareApi } from '../../src/contracts/childcare/api'
import { schoolYearOf } from '../../src/contracts/childcare/rules'
import { maskIdNumber } from '../../src/contracts/membership/idcard'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, conflict, notFound } from '../_core/errors'
import { newId } from '../_core/ids'
import { keysOf } from './keys'
import { DuplicateKeyError } from '../_core/store/port'
import { QUIET_MS, retire } from './booking'
import { pastAttendanceOf, requireConsent, retainFrom } from './privacy'
import { BOOKINGS, CHILD_IDS, CHILDREN, INTENTS, toChildView, type BookingDoc, type ChildDoc } from './model'

/** A parent's children: registering or editing one (ID number encrypted, one registration per ID), deleting one. */

export const saveChildAction: Impl<typeof childcareApi.saveChild> = {
  rateLimit: { key: (_i, c) => `cc_child:${c.caller.openid}`, max: 20, perMs: 3600e3, message: '保存太频繁，请稍后再试' },
  handler: async (input, ctx) => {
    const { pii } = keysOf(ctx)
    // 个人信息保护法 Art. 31: nothing of a child is stored before the guardian's consent to the current rules.
    await requireConsent(ctx)
    const idHash = pii.hash(input.idNumber)
    const now = ctx.now()
    // Attendance kept from before (the same child deleted and registered again): the 70% rule still applies.
    const pastAttendance = await pastAttendanceOf(ctx, idHash)
    const fields = {
      parentOpenid: ctx.caller.openid,
      name: input.name,
      gender: input.gender,
      idCipher: pii.encrypt(input.idNumber),
      idHash,
      idMasked: maskIdNumber(input.idNumber),
      grade: input.grade,
      schoolYear: schoolYearOf(now),
      school: input.school,
      health: input.health,
      pickupPeople: input.pickupPeople,
      retainUntil: retainFrom(now.toISOString()),
    }
    try {
      const doc = await ctx.store.transaction(async (tx) => {
        if (input.id) {
          const old = await tx.get<ChildDoc>(CHILDREN, input.id)
          if (!old || old.parentOpenid !== ctx.caller.openid || old.deletedAt) throw notFound('孩子信息不存在')
          if (old.idHash !== idHash) {
            await tx.insert(CHILD_IDS, { _id: idHash, childId: old._id })
            await tx.remove(CHILD_IDS, { _id: old.idHash })
          }
          const next: ChildDoc = {
            ...old,
            ...fields,
            retainUntil: [old.retainUntil ?? '', fields.retainUntil].sort()[1],
            pastAttendance: { ...pastAttendance, ...old.pastAttendance },
          }
          await tx.put(CHILDREN, next)
          return next
        }
        const id = `ch_${newId()}`
        await tx.insert(CHILD_IDS, { _id: idHash, childId: id })
        const doc: ChildDoc = { _id: id, ...fields, pastAttendance, createdAt: now.toISOString() }
        await tx.insert(CHILDREN, doc)
        return doc
      })
      return toChildView(doc, now)
    } catch (e) {
      if (e instanceof DuplicateKeyError) {
        const lock = await ctx.store.get<{ _id: string; childId: string }>(CHILD_IDS, idHash)
        const holder = lock ? await ctx.store.get<ChildDoc>(CHILDREN, lock.childId) : null
        if (holder?.deletedAt) {
          throw new AppError('CONFLICT', '这个身份证号的孩子信息刚刚删除，正在清理，请 3 分钟后再登记', [
            { path: 'idNumber', message: '刚删除的孩子，请稍后再登记' },
          ])
        }
        throw new AppError('CONFLICT', '这个身份证号的孩子已经登记过（可能是家里另一位家长登记的）', [
          { path: 'idNumber', message: '该身份证号已登记' },
        ])
      }
      throw e
    }
  },
}

export const deleteChildAction: Impl<typeof childcareApi.deleteChild> = {
  handler: async ({ id }, ctx) => {
    const child = await ctx.store.get<ChildDoc>(CHILDREN, id)
    if (!child || child.parentOpenid !== ctx.caller.openid || child.deletedAt) throw notFound('孩子信息不存在')
    const live = await ctx.store.count(BOOKINGS, { childId: id })
    if (live > 0) throw conflict(`${child.name} 有报名记录（含往期出勤），不能删除；可修改信息`)
    await markChildDeleted(ctx, child)
    return { deleted: true }
  },
}

/*
 * Deleting a child races a booking that read the child a moment earlier. Both sides write before they look:
 * the deletion marks the child (`deletedAt`, after which no booking can start), then retires any booking
 * that landed anyway; the timer looks once more when no request that read the child can still be running
 * (QUIET_MS), and only then removes the record and frees the ID number for a new registration. So no live
 * booking survives its child, and the ID number cannot be registered twice to hold two places.
 */
export async function markChildDeleted(ctx: Ctx, child: ChildDoc): Promise<void> {
  // Only the id and the ID-number hash (the lock) stay until the timer's final look; every detail goes now.
  await ctx.store.update(
    CHILDREN,
    { _id: child._id, deletedAt: null },
    {
      set: {
        deletedAt: ctx.now().toISOString(),
        parentOpenid: null,
        name: null,
        idCipher: null,
        idMasked: null,
        school: null,
        health: null,
        pickupPeople: null,
        pastAttendance: null,
      },
    },
  )
  await retireLateBookings(ctx, child)
  // 意向登记 name the child: they go with it.
  await ctx.store.remove(INTENTS, { childId: child._id })
}

async function retireLateBookings(ctx: Ctx, child: ChildDoc): Promise<number> {
  const late = await ctx.store.find<BookingDoc>(BOOKINGS, { where: { childId: child._id }, limit: 20 })
  let n = 0
  for (const b of late) {
    // The 预约失效 notice: the booking went because its child's record was deleted.
    const done = await retire(
      ctx,
      b._id,
      'withdrawn',
      (cur) => cur.childId === child._id,
      (cur, tx) =>
        ctx.notify(tx, {
          openid: cur.parentOpenid,
          template: 'childcare_offer_expired',
          title: '托管预约已撤销',
          body: `${cur.childName} 的孩子信息已删除，同时提交的托管预约已撤销，名额已让给其他孩子`,
          page: 'pages/childcare/mine/index',
          data: { class: '托管预约已撤销', child: cur.childName },
        }),
    )
    if (done) n++
  }
  return n
}

/** The timer: children marked deleted long enough ago lose any late booking, then the record and ID lock go. */
export async function finalizeDeletedChildren(ctx: Ctx): Promise<number> {
  const before = new Date(ctx.now().getTime() - QUIET_MS).toISOString()
  const due = await ctx.store.find<ChildDoc>(CHILDREN, { where: { deletedAt: { $lt: before } }, limit: 100 })
  for (const child of due) {
    await retireLateBookings(ctx, child)
    // a registration that read the child just before it was marked may have landed since
    await ctx.store.remove(INTENTS, { childId: child._id })
    await ctx.store.transaction(async (tx) => {
      const cur = await tx.get<ChildDoc>(CHILDREN, child._id)
      if (!cur?.deletedAt) return
      await tx.remove(CHILDREN, { _id: child._id })
      await tx.remove(CHILD_IDS, { _id: child.idHash, childId: child._id })
    })
  }
  return due.length
}
