/** The CloudBase adapter's `nearest` against a fake database: which failures of geoNear may fall back to a scan. */
import tcb from '@cloudbase/node-sdk'
import { CloudBaseStore, type CbDb } from '../../cloudfunctions/_core/store/cloudbase'
import type { Logger } from '../../cloudfunctions/_core/log'

const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database()

/** geoNear fails with `geoError`; the bounding-box scan answers with `rows`. Which path ran is recorded. */
function geoDb(geoError: unknown, rows: object[]) {
  const calls: string[] = []
  const log: string[] = []
  const logger: Logger = { info: (e) => log.push(`info ${e}`), error: (e, d) => log.push(`error ${e} ${String(d?.collection)}`) }
  const query = {
    where: () => query,
    orderBy: () => query,
    skip: () => query,
    limit: () => query,
    get: async () => {
      calls.push('scan')
      return { data: rows }
    },
  }
  const agg = {
    geoNear: () => agg,
    skip: () => agg,
    limit: () => agg,
    end: async () => {
      calls.push('geoNear')
      throw geoError
    },
  }
  const fake = {
    command: db.command,
    RegExp: db.RegExp,
    Geo: db.Geo,
    collection: () => ({ ...query, aggregate: () => agg }),
  } as unknown as CbDb
  return { store: new CloudBaseStore(fake, { log: logger }), calls, log }
}

const here = { lat: 39.9, lng: 116.4 }
const near = { _id: 's1', name: '近', location: { type: 'Point', coordinates: [116.401, 39.9] } }

describe('nearest falls back to a scan only when the geo index is missing (12)', () => {
  test.each([
    [
      'node-sdk: the server error passed through',
      Object.assign(new Error('database request failed: ETIMEDOUT'), { code: 'DATABASE_REQUEST_FAILED' }),
    ],
    ['a rate limit', { code: 'EXCEED_REQUEST_LIMIT', message: 'request limit exceeded' }],
    ['a network failure', new Error('getaddrinfo ENOTFOUND tcb-api.tencentcloudapi.com')],
    ['a bad query', { errCode: -502001, errMsg: 'database request fail | errMsg: [FailedOperation.Query] (BadValue) unknown operator: $foo' }],
  ])('%s propagates, with no scan', async (_name, error) => {
    const f = geoDb(error, [near])
    await expect(f.store.nearest('stations', here, { maxKm: 5, limit: 5 })).rejects.toBe(error)
    expect(f.calls).toEqual(['geoNear'])
    expect(f.log).toEqual([])
  })

  test.each([
    [
      'wx-server-sdk wording (errCode -502001)',
      {
        errCode: -502001,
        errMsg:
          'database request fail | errMsg: [FailedOperation.Query] (BadValue) failed on: cmgo-1 :: caused by :: error processing query: ns=x.stationsTree: GEONEAR  field=location maxdist=5000 isNearSphere=0\nSort: {}\nProj: {}\n planner returned error: unable to find index for $geoNear query; ',
      },
    ],
    [
      'node-sdk wording',
      Object.assign(new Error('planner returned error :: caused by :: unable to find index for $geoNear query'), { code: 'DATABASE_REQUEST_FAILED' }),
    ],
    ['MongoDB 4.2+ without a key', { code: 'DATABASE_REQUEST_FAILED', message: '$geoNear requires a 2d or 2dsphere index, but none were found' }],
  ])('a missing geo index (%s) falls back to the scan and says so once', async (_name, error) => {
    const f = geoDb(error, [near])
    const found = await f.store.nearest('stations', here, { maxKm: 5, limit: 5 })
    expect(found.map((n) => n.doc._id)).toEqual(['s1'])
    expect(f.calls).toEqual(['geoNear', 'scan'])
    await f.store.nearest('stations', here, { maxKm: 5, limit: 5 })
    expect(f.log).toEqual(['error geo_index_missing stations'])
  })

  test('a collection nobody has written to yet has nothing near', async () => {
    const f = geoDb({ code: 'DATABASE_COLLECTION_NOT_EXIST', message: 'database collection not exists' }, [near])
    expect(await f.store.nearest('stations', here, { maxKm: 5, limit: 5 })).toEqual([])
    expect(f.calls).toEqual(['geoNear'])
  })
})
