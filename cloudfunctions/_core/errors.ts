import type { ErrorCode, FieldError } from '../../src/contracts/result'

/** A failure meant for the caller: the code and Chinese message reach the user unchanged. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const forbidden = (message = '您没有权限进行此操作') => new AppError('FORBIDDEN', message)
export const notFound = (message = '内容不存在或已删除') => new AppError('NOT_FOUND', message)
export const conflict = (message: string) => new AppError('CONFLICT', message)
export const invalid = (fields: FieldError[], message = '填写的内容有误，请检查') => new AppError('VALIDATION_FAILED', message, fields)
