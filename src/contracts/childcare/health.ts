import * as z from 'zod'
import '../zod'
import { docId, optionalText } from '../fields'

/**
 * 健康申报 a parent makes for each child when booking a class that asks for it: a fixed list of statements, each
 * answered 是 (true) or 否 (false), and a note, required when any answer is 否, for what the teachers should know.
 */
export const HEALTH_ITEMS = [
  '近 7 天孩子没有发热、咳嗽、呕吐、腹泻等症状',
  '近 14 天孩子没有接触过水痘、手足口病、流感等传染病人',
  '孩子没有食物或药物过敏',
  '孩子没有哮喘、癫痫、心脏病等需要老师特别照看的疾病',
] as const

export const healthDeclaration = z
  .object({
    childId: docId('孩子编号'),
    answers: z.array(z.boolean({ error: '请逐项选择「是」或「否」' }), { error: '请完成健康申报' }).length(HEALTH_ITEMS.length, '请逐项完成健康申报'),
    note: optionalText('健康情况说明', { max: 200, multiline: true }),
  })
  .superRefine((v, ctx) => {
    if (v.answers.some((a) => !a) && !v.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: '有选「否」的项目，请在说明里写清楚情况，方便老师照看' })
  })

/** 告家长书 as a class shows it: its text and the version a booking records having read. */
export interface ClassNotice {
  version: number
  text: string
  updatedAt: string
}
