import * as z from 'zod'
import '../zod'
import { docId, optionalText, text } from '../fields'
import { CATEGORIES, type Category } from './schemas'

/**
 * 咨询 before a case: a worker asks by 案由 (no phone, no ID), the union's lawyers or staff answer, oldest first;
 * the answer arrives in 消息中心, and one tap turns the consultation into an application. Frequent answers
 * (常见问答) per union come first, so many questions need no lawyer.
 */

export const QUESTION_MAX = 1000
export const ANSWER_MAX = 2000
/** a union's curated list stays small: a worker reads it on a phone before asking */
export const MAX_FAQS = 60

const category = z.enum(CATEGORIES, { error: '请选择案由' })

export const askInput = z.object({
  category,
  question: text('问题', { min: 10, max: QUESTION_MAX, multiline: true }),
  /** optional: routes the question to the employer's own union when it has one */
  employer: optionalText('用人单位', { max: 60 }),
})
export type AskInput = z.input<typeof askInput>

export const consultIdInput = z.object({ id: docId('咨询编号') })
export const answerInput = z.object({ id: docId('咨询编号'), answer: text('解答', { min: 10, max: ANSWER_MAX, multiline: true }) })
export const consultQueueInput = z.object({ status: z.enum(['open', 'answered'], { error: '状态不正确' }).optional() })

export const faqsInput = z.object({ orgId: docId('工会').optional(), category: category.optional() })
export const manageFaqsInput = z.object({ orgId: docId('工会').optional() })
export const saveFaqInput = z.object({
  /** absent: a new entry */
  id: docId('问答编号').optional(),
  orgId: docId('工会'),
  category,
  question: text('问题', { min: 4, max: 60 }),
  answer: text('解答', { min: 10, max: 1000, multiline: true }),
  hidden: z.boolean({ error: '请选择是否隐藏' }).default(false),
})
export type SaveFaqInput = z.input<typeof saveFaqInput>
export const moveFaqInput = z.object({ id: docId('问答编号'), direction: z.enum(['up', 'down'], { error: '请选择上移或下移' }) })

export type ConsultStatus = 'open' | 'answered'

export interface ConsultItem {
  id: string
  category: Category
  question: string
  employer: string
  orgName: string
  status: ConsultStatus
  askedAt: string
  answer: string | null
  answeredAt: string | null
  /** 「陈律师」: who answered, as the worker sees it */
  answeredBy: string | null
  /** the application it became, if any */
  caseId: string | null
  /** the viewer asked it (they may turn it into an application) */
  mine: boolean
}

export interface Faq {
  id: string
  orgId: string
  category: Category
  question: string
  answer: string
  hidden: boolean
  order: number
}
