import type { childcareApi } from '../../src/contracts/childcare/api'
import { schoolYearOf } from '../../src/contracts/childcare/rules'
import { maskIdNumber } from '../../src/contracts/membership/idcard'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, conflict, notFound } from '../_core/errors'
import { newId } from '../_core/ids'
import type { Keys } from '../_core/keys'
import { DuplicateKeyError } from '../_core/store/port'
import { pastAttendanceOf, requireConsent, retainFrom } from './privacy'
import { BOOKINGS, CHILD_IDS, CHILDREN, toChildView, type ChildDoc } from './model'

/** A parent's children: registering or editing one (ID number encrypted, one registration per ID), deleting one. */

function keysOf(ctx: Ctx): Keys {
  if (!ctx.keys) {
    ctx.log.error('keys_missing', { hint: 'set PII_KEY' })
    throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  }
  return ctx.keys
}

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
          if (!old || old.parentOpenid !== ctx.caller.openid) throw notFound('孩子信息不存在')
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
    if (!child || child.parentOpenid !== ctx.caller.openid) throw notFound('孩子信息不存在')
    const live = await ctx.store.count(BOOKINGS, { childId: id })
    if (live > 0) throw conflict(`${child.name} 有报名记录（含往期出勤），不能删除；可修改信息`)
    await ctx.store.transaction(async (tx) => {
      await tx.remove(CHILDREN, { _id: id })
      await tx.remove(CHILD_IDS, { _id: child.idHash })
    })
    return { deleted: true }
  },
}
