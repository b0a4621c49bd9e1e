import { maskIdNumber, maskPhone } from '../../src/contracts/membership/idcard'
import { statusLabel } from '../../src/contracts/membership/options'
import type { membershipApi } from '../../src/contracts/membership/api'
import type { RosterReport, RosterRow } from '../../src/contracts/membership/roster'
import { beijingDay } from '../../src/contracts/time'
import { governedOrgIds, scopesOf } from '../_core/auth'
import type { Ctx, Impl } from '../_core/contract'
import { requireCounty } from '../_core/county'
import { AppError } from '../_core/errors'
import { newId } from '../_core/ids'
import { DuplicateKeyError, type Store } from '../_core/store/port'
import { discardUpload, ownUpload } from '../_core/uploads'
import { APPLICATIONS, ID_LOCKS, type ApplicationDoc } from './model'
import { nextMemberNo } from './numbers'
import { readRoster, type RosterValues } from './roster-sheet'
import { keysOf } from './shared'

interface OrgRef {
  _id: string
  name: string
  disabled?: boolean
  [field: string]: unknown
}

/** One row's plan: its report line, and the write that makes it so (none for unchanged or refused rows). */
interface Planned {
  report: RosterRow
  /** answers the member number it gave (a blank 会员编号 cell gets one inside the write) */
  write?: (tx: Store) => Promise<string | void>
}

const who = (ctx: Ctx) => ctx.caller.name || '工作人员'

/** What changes on a member already imported, in words staff can check (phones masked). */
function changesOf(doc: ApplicationDoc, v: RosterValues, org: OrgRef): string[] {
  const out: string[] = []
  if (doc.name !== v.name) out.push(`姓名：${doc.name} → ${v.name}`)
  if (doc.phoneMasked !== maskPhone(v.phone) || doc.phoneTail !== v.phone.slice(-4)) out.push(`手机号：${doc.phoneMasked} → ${maskPhone(v.phone)}`)
  if (doc.employer !== v.employer) out.push(`工作单位：${doc.employer} → ${v.employer}`)
  if (doc.joinDate !== v.joinDate) out.push(`入会日期：${doc.joinDate ?? '—'} → ${v.joinDate}`)
  if (doc.orgId !== org._id) out.push(`所属工会：${doc.orgName} → ${org.name}`)
  return out
}

/**
 * A given 会员编号 in the county's own scheme (行政区划代码 + year + 6-digit sequence) moves that year's counter past
 * it, so a later approval never hands out the same number.
 */
async function reserveMemberNo(tx: Store, regionCode: string, memberNo: string): Promise<void> {
  const m = new RegExp(`^${regionCode}(\\d{4})(\\d{6})$`).exec(memberNo)
  if (!m) return
  const id = `member-no-${regionCode}-${m[1]}`
  const n = Number(m[2])
  const counter = await tx.get<{ _id: string; n: number }>('counters', id)
  if (!counter) await tx.insert('counters', { _id: id, n })
  else if (counter.n < n) await tx.update('counters', { _id: id }, { set: { n } })
}

async function importRoster(ctx: Ctx, buf: Buffer, dryRun: boolean): Promise<RosterReport> {
  const { pii } = keysOf(ctx)
  const at = ctx.now().toISOString()
  const sheet = await readRoster(buf, beijingDay(ctx.now()))
  if (!sheet.ok) throw new AppError('VALIDATION_FAILED', sheet.message, [{ path: 'fileId', message: sheet.message }])
  const { regionCode } = await requireCounty(ctx.store)
  const governed = await governedOrgIds(ctx.store, ctx.caller)
  const orgs = await ctx.store.find<OrgRef>('orgs', { where: { _id: { $in: governed } }, limit: governed.length || 1 })
  const byName = new Map(orgs.filter((o) => !o.disabled).map((o) => [o.name, o]))
  const homeId = [...scopesOf(ctx.caller, 'staff'), ...scopesOf(ctx.caller, 'admin')].find((id) => governed.includes(id))
  const home = orgs.find((o) => o._id === homeId) ?? null

  const report: RosterReport = { dryRun, created: 0, updated: 0, unchanged: 0, refused: 0, skipped: 0, rows: [] }
  const seenIds = new Map<string, number>()
  const seenNos = new Map<string, number>()
  const plans: Planned[] = []

  for (const line of sheet.lines) {
    if (line.ok && line.example) {
      report.skipped++
      continue
    }
    const refuse = (name: string, idNumber: string, path: string, message: string) =>
      plans.push({
        report: { row: line.line, name, idNumberMasked: idNumber ? maskIdNumber(idNumber) : '', status: 'refused', errors: [{ path, message }] },
      })
    if (!line.ok) {
      plans.push({
        report: {
          row: line.line,
          name: line.name,
          idNumberMasked: line.idNumber ? maskIdNumber(line.idNumber) : '',
          status: 'refused',
          errors: line.errors,
        },
      })
      continue
    }
    const v = line.values
    const org = v.org ? byName.get(v.org) : home
    if (!org) {
      refuse(
        v.name,
        v.idNumber,
        '所属工会',
        v.org ? `「${v.org}」不是您管理的工会，请写组织架构中的名称` : '您的账号没有所属工会，请在「所属工会」列填写',
      )
      continue
    }
    const idHash = pii.hash(v.idNumber)
    const twin = seenIds.get(idHash)
    if (twin) {
      refuse(v.name, v.idNumber, '身份证号', `与第 ${twin} 行是同一个身份证号`)
      continue
    }
    seenIds.set(idHash, line.line)
    if (v.memberNo) {
      const twinNo = seenNos.get(v.memberNo)
      if (twinNo) {
        refuse(v.name, v.idNumber, '会员编号', `与第 ${twinNo} 行的会员编号相同`)
        continue
      }
      seenNos.set(v.memberNo, line.line)
    }

    const lock = await ctx.store.get<{ _id: string; appId: string }>(ID_LOCKS, idHash)
    const existing = lock ? await ctx.store.get<ApplicationDoc>(APPLICATIONS, lock.appId) : null
    const holder = v.memberNo ? (await ctx.store.find<ApplicationDoc>(APPLICATIONS, { where: { memberNo: v.memberNo }, limit: 1 }))[0] : undefined
    if (holder && holder._id !== existing?._id) {
      refuse(v.name, v.idNumber, '会员编号', `会员编号 ${v.memberNo} 已属于另一位会员`)
      continue
    }

    if (existing && existing.source !== 'roster') {
      // Someone who applied in the app: their membership is already here (or under review), not for a sheet to overwrite.
      const ours = governed.includes(existing.orgId)
      refuse(
        v.name,
        v.idNumber,
        '身份证号',
        ours ? `此人已在小程序申请入会（${statusLabel(existing.status)}），无需导入` : '这个身份证号已在其他工会登记，请与对方工会核对',
      )
      continue
    }
    if (existing) {
      if (!governed.includes(existing.orgId)) {
        refuse(v.name, v.idNumber, '身份证号', '这个身份证号已在其他工会的名册中，请与对方工会核对')
        continue
      }
      if (v.memberNo && existing.memberNo !== v.memberNo) {
        refuse(v.name, v.idNumber, '会员编号', `此人的会员编号是 ${existing.memberNo}，与表中不同；会员编号导入后不再更改`)
        continue
      }
      const changes = changesOf(existing, v, org)
      const row: RosterRow = {
        row: line.line,
        name: v.name,
        idNumberMasked: maskIdNumber(v.idNumber),
        memberNo: existing.memberNo,
        status: 'unchanged',
      }
      if (!changes.length) {
        plans.push({ report: row })
        continue
      }
      plans.push({
        report: { ...row, status: 'updated', changes },
        write: async (tx) => {
          const current = await tx.get<ApplicationDoc>(APPLICATIONS, existing._id)
          if (!current || current.source !== 'roster' || current.idHash !== idHash) throw new AppError('CONFLICT', '这位会员刚被他人修改')
          const next: ApplicationDoc = {
            ...current,
            name: v.name,
            phoneCipher: pii.encrypt(v.phone),
            phoneMasked: maskPhone(v.phone),
            phoneTail: v.phone.slice(-4),
            employer: v.employer,
            joinDate: v.joinDate,
            orgId: org._id,
            orgName: org.name,
            timeline: [...current.timeline, { at, status: 'imported', note: `名册更新：${changes.join('；')}`, by: who(ctx) }],
          }
          await tx.put(APPLICATIONS, next)
          await ctx.audit(tx, current._id, { changes: [] }, { changes })
        },
      })
      continue
    }

    const appId = `app_${newId()}`
    plans.push({
      report: {
        row: line.line,
        name: v.name,
        idNumberMasked: maskIdNumber(v.idNumber),
        status: 'created',
        ...(v.memberNo ? { memberNo: v.memberNo } : {}),
      },
      write: async (tx) => {
        const memberNo = v.memberNo || (await nextMemberNo(tx, regionCode, Number(v.joinDate.slice(0, 4))))
        if (v.memberNo) await reserveMemberNo(tx, regionCode, v.memberNo)
        // The lock that stops anyone applying again with this 身份证号 (and a second import of the same person).
        await tx.insert(ID_LOCKS, { _id: idHash, appId, openid: '' })
        const doc: ApplicationDoc = {
          _id: appId,
          // nobody's yet: the worker claims it by 会员认证
          applicantOpenid: '',
          source: 'roster',
          orgId: org._id,
          orgName: org.name,
          routedBy: 'roster',
          status: 'approved',
          name: v.name,
          gender: v.gender,
          ethnicity: '',
          idCipher: pii.encrypt(v.idNumber),
          idHash,
          idMasked: maskIdNumber(v.idNumber),
          phoneCipher: pii.encrypt(v.phone),
          phoneMasked: maskPhone(v.phone),
          phoneTail: v.phone.slice(-4),
          education: '',
          politicalStatus: '',
          employer: v.employer,
          occupation: '',
          hukouType: '',
          newEmploymentType: 'none',
          region: '',
          regionName: '',
          consentAt: '',
          submittedAt: at,
          activeAt: at,
          memberNo,
          joinDate: v.joinDate,
          reviewedBy: ctx.caller.openid,
          reviewedAt: at,
          timeline: [{ at, status: 'imported', note: `由${org.name}会员名册导入，会员编号 ${memberNo}`, by: who(ctx) }],
        }
        await tx.insert(APPLICATIONS, doc)
        await ctx.audit(tx, appId, null, { status: 'approved', memberNo, source: 'roster' })
        return memberNo
      },
    })
  }

  for (const p of plans) {
    if (!dryRun && p.write) {
      try {
        const memberNo = await ctx.store.transaction(p.write)
        if (memberNo) p.report = { ...p.report, memberNo }
      } catch (e) {
        if (!(e instanceof DuplicateKeyError) && !(e instanceof AppError)) throw e
        // Someone applied, or another import took the number, a moment ago: this row says so, the rest go in.
        p.report = { ...p.report, status: 'refused', errors: [{ path: '身份证号', message: '这一行刚被同时导入或申请，请重新导入这一行' }] }
      }
    }
    report[p.report.status]++
    report.rows.push(p.report)
  }
  if (!dryRun)
    ctx.log.info('membership_roster_imported', { by: ctx.caller.openid, created: report.created, updated: report.updated, refused: report.refused })
  return report
}

export const importRosterAction: Impl<typeof membershipApi.importRoster> = {
  audit: 'membership.importRoster',
  handler: async ({ fileId, dryRun }, ctx) => {
    const upload = await ownUpload(ctx, fileId, 'sheet')
    const report = await importRoster(ctx, upload.bytes, dryRun)
    // The preview keeps the upload for 确认导入; once applied it is done with.
    if (!dryRun) await discardUpload(ctx, upload)
    return report
  },
}
