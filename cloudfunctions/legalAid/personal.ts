import type { Ctx } from '../_core/contract'
import { HOLIDAYS } from '../_core/holidays'
import { count, definePersonal, type Erasure } from '../_core/personal'
import { ACCESS_LOG, CASES, FILES, MESSAGES, SETTINGS, type FileDoc } from './model'
import { POLICIES } from './policy'
import { CONSULTS } from './consult'
import { FAQS } from './faqs'

/** legal-aid cases still being handled: the applicant withdraws them first (法律援助 keeps the file otherwise) */
const OPEN_CASE: string[] = ['submitted', 'accepted', 'assigned', 'in_progress']
const MAX = 200

/** How long a finished case's file is kept: the union's 案卷 retention, stated to the person. */
const CASE_RETENTION = '办结之日起 10 年（法律援助案卷保存期限），期满销毁'

/**
 * Cases stay (an open one until the applicant withdraws it; a finished one is the union's 案卷), with their
 * messages and attached evidence. Evidence uploaded but never attached to a case is deleted, file and record.
 */
async function erase(ctx: Ctx, out: Erasure): Promise<void> {
  const openid = ctx.caller.openid
  const open = await ctx.store.count(CASES, { applicantOpenid: openid, status: { $in: OPEN_CASE } })
  if (open > 0) {
    out.kept.push({
      what: '办理中的法律援助案件',
      reason: '案件正在办理，请先在「法律援助」中撤回申请，再删除',
      retention: '撤回或办结后按案卷规定保存',
    })
  }
  const closed = await ctx.store.count(CASES, { applicantOpenid: openid, status: { $in: ['closed', 'declined'] } })
  if (closed > 0) {
    out.kept.push({ what: `已办结的法律援助案件（${closed} 件，含留言和证据）`, reason: '法律援助案卷按规定归档保存', retention: CASE_RETENTION })
  }
  const loose = await ctx.store.find<FileDoc>(FILES, { where: { ownerOpenid: openid, caseId: null }, limit: MAX })
  if (loose.length) {
    await ctx.files.remove(loose.map((f) => f.ref))
    out.files += loose.length
    for (const f of loose) count(out, FILES, await ctx.store.remove(FILES, { _id: f._id, caseId: null }))
  }
}

export default definePersonal({
  collections: {
    [CASES]: { owner: 'applicantOpenid', erase: 'domain', how: '办理中的案件须先撤回；已办结的案件按案卷规定保存，列明保存期限' },
    [MESSAGES]: { owner: 'fromOpenid', erase: 'domain', how: '随案件保存（只有案件才有留言）' },
    [FILES]: { owner: 'ownerOpenid', erase: 'domain', how: '没有附到案件上的证据删除（记录和文件）；附到案件上的随案件保存' },
    [ACCESS_LOG]: {
      owner: 'openid',
      erase: 'keep',
      what: '您查看案件的访问记录（工作人员）',
      reason: '记录谁看过案件和证据，供管理员审计',
      retention: '随案件保存',
    },
    [SETTINGS]: { none: '各工会的办理期限设置' },
    [POLICIES]: { none: '各工会的经济困难审查标准' },
    [HOLIDAYS]: { none: '国务院办公厅的放假安排，由县总工会管理员录入' },
    // the question may name people and places: deleted with the asker's data (an application made from it keeps its own copy)
    [CONSULTS]: { owner: 'askerOpenid', erase: 'delete' },
    [FAQS]: { none: '工会编写的常见问答' },
  },
  erase,
})
