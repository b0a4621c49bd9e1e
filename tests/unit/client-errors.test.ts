import { mapCloudError } from '../../src/api/errors'

describe('cloud call failures become honest Chinese messages', () => {
  it('function not deployed', () => {
    const f = mapCloudError({
      errCode: -501000,
      errMsg: 'cloud.callFunction:fail requestID , errCode: -501000 | errMsg: [ResourceNotFound.FunctionName] Function not found',
    })
    expect(f.error.message).toContain('尚未开通')
    expect(f.transient).toBe(false)
  })
  it('timeout is transient', () => {
    const f = mapCloudError({
      errCode: -504002,
      errMsg: 'cloud.callFunction:fail errCode: -504002 functions execute fail | errMsg: Invoking task timed out after 3 seconds',
    })
    expect(f.error.message).toContain('超时')
    expect(f.transient).toBe(true)
  })
  it('quota', () => {
    expect(mapCloudError({ errCode: -501000, errMsg: '[LimitExceeded] 超过调用配额' }).error.code).toBe('RATE_LIMITED')
  })
  it('network is transient and keeps the network message', () => {
    const f = mapCloudError({ errMsg: 'cloud.callFunction:fail request:fail' })
    expect(f.error.message).toContain('网络')
    expect(f.transient).toBe(true)
  })
  it('a function crash is not called a network failure', () => {
    expect(mapCloudError({ errCode: -504002, errMsg: 'functions execute fail | errMsg: TypeError' }).error.message).toBe('服务出错了，请稍后再试')
    expect(mapCloudError({ errCode: -502001, errMsg: 'database request fail' }).error.message).toContain('-502001')
  })
})
