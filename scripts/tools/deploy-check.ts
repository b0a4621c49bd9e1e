// What `npm run deploy -- --check` says about the self-test answers of the deployed functions (see
// cloudfunctions/_core/selfcheck.ts): what works, and in Chinese what to fix. Pure, so a test can feed it answers.
import type { SelfCheckReport } from '../../cloudfunctions/_core/selfcheck'
import { permissionSteps, type DeployPlan } from './deploy-plan'

export interface SelfCheckResult {
  name: string
  report?: SelfCheckReport
  error?: string
}

export function formatSelfCheck(plan: DeployPlan, results: SelfCheckResult[]): { text: string; ok: boolean } {
  const lines: string[] = [`部署自检 / self-check — 云环境 ${plan.envId ?? '?'}`]
  const fixes: string[] = []
  const needs = permissionSteps(plan).functions
  for (const r of results) {
    if (!r.report) {
      lines.push(`✗ 云函数 ${r.name}: 调用失败 / invoke failed: ${r.error ?? ''}`)
      fixes.push(`云函数 ${r.name} 无法运行：先运行 npm run deploy，并在云开发控制台 → 云函数 → ${r.name} → 日志 查看原因`)
      continue
    }
    const { storage, openapi, templates, miniprogramState } = r.report
    if (storage.ok) lines.push(`✓ 云函数 ${r.name}: 数据库读写正常 / storage round trip ok`)
    else {
      lines.push(`✗ 云函数 ${r.name}: 数据库读写失败 / storage failed: ${storage.error ?? ''}`)
      fixes.push('数据库读写失败：确认集合 settings 存在（npm run deploy 会建立）且云开发环境未欠费')
    }
    for (const api of needs.find((f) => f.name === r.name)?.apis ?? []) {
      const p = openapi[api as keyof typeof openapi]
      if (p?.granted) lines.push(`✓ 云函数 ${r.name}: 云调用 ${api} 已授权（微信答 ${p.errcode}）`)
      else {
        lines.push(`✗ 云函数 ${r.name}: 云调用 ${api} 未授权 / not granted${p?.error ? `: ${p.error}` : ''}`)
        fixes.push(`云调用 ${api} 未授权给 ${r.name}：${permissionSteps(plan).steps[0]}（刚做过请等 10 分钟再检查）`)
      }
    }
    if (r.name === plan.sender) {
      lines.push(
        `  订阅消息模板 ${templates.length} 个已配置${templates.length ? `：${templates.join(' ')}` : ''}；点开通知进入 ${miniprogramState ?? 'formal'} 版`,
      )
      if (!templates.length) fixes.push('没有配置订阅消息模板：通知只进消息中心。填好 subscribe-templates.json 后重新 npm run deploy')
    }
  }
  lines.push(fixes.length ? '要做的 / to fix:' : '全部正常 / all good')
  for (const f of [...new Set(fixes)]) lines.push(`  - ${f}`)
  return { text: lines.join('\n'), ok: fixes.length === 0 }
}
