import type { QuestionType } from './schemas'

/**
 * 练习 and 错题本. Going through the whole bank, answers shown, never scores or gives draws: it opens when the
 * campaign has ended, or earlier when staff turn on 练习模式 for it. The 错题本 lists the questions a person got
 * wrong in their own submitted tries (whose answers they were already shown), so it is open at any time.
 */
export interface PracticeQuestion {
  id: string
  type: QuestionType
  stem: string
  options: string[]
  answer: number[]
  explanation: string
  level?: number
}

export interface WrongItem {
  questionId: string
  type: QuestionType
  stem: string
  /** as shown in that try */
  options: string[]
  yours: number[]
  answer: number[]
  explanation: string
  at: string
  /** how many of my tries got it wrong */
  times: number
}
