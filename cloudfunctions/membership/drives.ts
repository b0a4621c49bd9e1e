import { randomInt } from 'node:crypto'
import QRCode from 'qrcode'
import { CODE_ALPHABET } from '../../src/contracts/membership/cardcode'
import type { DriveInfo, DriveItem } from '../../src/contracts/membership/drives'
import type { membershipApi } from '../../src/contracts/membership/api'
import { governedOrgIds, scopesOf } from '../_core/auth'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, forbidden, notFound } from '../_core/errors'
import { DuplicateKeyError, type Doc } from '../_core/store/port'
import { APPLICATIONS } from './model'

/** 集中入会 codes: `_id` is the code; no personal data, only the union, the event and who made it. */
export const DRIVES = 'membership_drives'

interface DriveDoc extends Doc {
  orgId: string
  orgName: string
  event: string
  employer?: string
  createdBy: string
  createdAt: string
}

const APPLY_PATH = 'pages/membership/apply/index'
const MAX_LISTED = 200

const info = (d: DriveDoc): DriveInfo => ({ code: d._id, event: d.event, orgName: d.orgName, ...(d.employer ? { employer: d.employer } : {}) })

async function toItem(ctx: Ctx, d: DriveDoc): Promise<DriveItem> {
  const path = `${APPLY_PATH}?drive=${d._id}`
  // A plain QR of the path for the printed poster (the cloud would use WeChat's 小程序码 for the same path).
  const qr = await QRCode.toDataURL(path, { errorCorrectionLevel: 'M', margin: 1, width: 360 })
  const [applications, approved] = await Promise.all([
    ctx.store.count(APPLICATIONS, { driveCode: d._id }),
    ctx.store.count(APPLICATIONS, { driveCode: d._id, status: 'approved' }),
  ])
  return { ...info(d), createdAt: d.createdAt, path, qr, applications, approved }
}

/** The drive a form was opened with; null only when none was given. */
export async function driveOf(ctx: Ctx, code: string | undefined): Promise<DriveDoc | null> {
  if (!code) return null
  const d = await ctx.store.get<DriveDoc>(DRIVES, code)
  if (!d) throw new AppError('VALIDATION_FAILED', '这个集中入会活动码不存在，请重新扫码或直接申请', [{ path: 'drive', message: '活动码不存在' }])
  return d
}

export const createDriveAction: Impl<typeof membershipApi.createDrive> = {
  audit: 'membership.createDrive',
  handler: async ({ event, employer }, ctx) => {
    const governed = await governedOrgIds(ctx.store, ctx.caller)
    const homeId = [...scopesOf(ctx.caller, 'staff'), ...scopesOf(ctx.caller, 'admin')].find((id) => governed.includes(id))
    const org = homeId ? await ctx.store.get<{ _id: string; name: string }>('orgs', homeId) : null
    if (!org) throw forbidden('您的账号没有所属工会，不能发起集中入会')
    for (let attempt = 0; ; attempt++) {
      const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
      const doc: DriveDoc = {
        _id: code,
        orgId: org._id,
        orgName: org.name,
        event,
        ...(employer ? { employer } : {}),
        createdBy: ctx.caller.openid,
        createdAt: ctx.now().toISOString(),
      }
      try {
        await ctx.store.transaction(async (tx) => {
          await tx.insert(DRIVES, doc)
          await ctx.audit(tx, code, null, { event, employer: employer || null, orgId: org._id })
        })
        return toItem(ctx, doc)
      } catch (e) {
        // 32^8 codes: a clash is rare; draw again.
        if (!(e instanceof DuplicateKeyError) || attempt >= 3) throw e
      }
    }
  },
}

export const drivesAction: Impl<typeof membershipApi.drives> = {
  handler: async (_input, ctx) => {
    const governed = await governedOrgIds(ctx.store, ctx.caller)
    const docs = await ctx.store.find<DriveDoc>(DRIVES, { where: { orgId: { $in: governed } }, orderBy: [['createdAt', 'desc']], limit: MAX_LISTED })
    return { items: await Promise.all(docs.map((d) => toItem(ctx, d))) }
  },
}

export const driveInfoAction: Impl<typeof membershipApi.driveInfo> = {
  handler: async ({ code }, ctx) => {
    const d = await ctx.store.get<DriveDoc>(DRIVES, code)
    if (!d) throw notFound('这个集中入会活动码不存在，请重新扫码或直接申请入会')
    return info(d)
  },
}
