import type { MyApplication, TimelineEntry } from '@/contracts/membership/schemas'
import { statusLabel } from '@/contracts/membership/options'

/** Why an application landed at a given union, in words an applicant understands. */
export const ROUTED_BY_LABELS: Record<MyApplication['routedBy'], string> = {
  employer: '您的工作单位已建立工会，由单位工会受理',
  region_industry: '按您所在地区和从事行业，由联合工会受理',
  industry: '按您从事的行业，由行业工会受理',
  county: '由市总工会直接受理',
  roster: '您已在工会的会员名册中，无需另行申请',
  drive: '通过集中入会活动提交，由活动的工会受理',
}

/** The same facts for a reviewer, who is not the "您" of the applicant's wording. */
export const ROUTED_BY_STAFF_LABELS: Record<MyApplication['routedBy'], string> = {
  employer: '按工作单位分配（单位已建工会）',
  region_industry: '按所在地区和行业分配到联合工会',
  industry: '按行业分配到行业工会',
  county: '未匹配到基层工会，由市总工会直接受理',
  roster: '由会员名册导入',
  drive: '集中入会活动（扫码提交）',
}

const STEP_LABELS: Record<string, string> = {
  submitted: '提交申请',
  resubmitted: '修改后重新提交',
  pending: '待审核',
  approved: '审核通过',
  rejected: '已驳回',
  revoked: '会籍已注销',
  transferred: '会籍转移',
  imported: '名册导入',
  claimed: '会员认证',
  released: '解除认证',
  retained: '保留会籍',
  restored: '恢复正常会籍',
}

export function timelineLabel(status: TimelineEntry['status']): string {
  return STEP_LABELS[status] ?? statusLabel(status as Parameters<typeof statusLabel>[0])
}

/** Beijing time regardless of the phone's time zone: reviewers and applicants talk about the same 09:30. */
export { beijingDateTime as formatDateTime, beijingDay as formatDate } from '@/contracts/time'
