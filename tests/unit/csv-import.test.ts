import { parseStationsCsv } from '../../cloudfunctions/stations/csv'

const header = 'name,address,lat,lng,hours,amenities,phone'

describe('station CSV validation', () => {
  test('good rows parse, with Chinese amenity names and aliases', () => {
    const r = parseStationsCsv(`${header}\n测试驿站,乐陵市兴隆南大街 1 号,37.73,117.21,08:00-20:00,饮水机|微波炉|桌椅,0534-6211001\n`)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.rows).toHaveLength(1)
    expect(r.rows[0]).toMatchObject({ row: 2, ok: true, fields: { name: '测试驿站', lat: 37.73, amenities: ['water', 'heat', 'seat'] } })
  })

  test('Chinese headers, a BOM and quoted commas are understood', () => {
    const r = parseStationsCsv(`\ufeff名称,地址,纬度,经度,开放时间,设施,电话\n"驿站,东",乐陵市红旗路 1 号,37.72,117.22,24小时,充电,\n`)
    expect(r.ok && r.rows[0].ok && r.rows[0].fields.name).toBe('驿站,东')
  })

  test('every bad row is refused with the field and the reason, and the good rows are kept', () => {
    const csv = [
      header,
      '好驿站,乐陵市兴隆南大街 1 号,37.73,117.21,08:00-20:00,饮水,',
      '坐标错,乐陵市兴隆南大街 2 号,abc,117.21,08:00-20:00,饮水,',
      '境外,乐陵市兴隆南大街 3 号,48.85,2.35,08:00-20:00,饮水,',
      '设施错,乐陵市兴隆南大街 4 号,37.73,117.21,08:00-20:00,游泳池,',
      '时间错,乐陵市兴隆南大街 5 号,37.73,117.21,早上到晚上,饮水,',
      '纬度超界,乐陵市兴隆南大街 6 号,200,117.21,08:00-20:00,饮水,',
    ].join('\n')
    const r = parseStationsCsv(csv)
    if (!r.ok) throw new Error(r.message)
    const byName = Object.fromEntries(r.rows.map((row) => [row.name, row]))
    expect(byName['好驿站'].ok).toBe(true)
    const errs = (name: string) => {
      const row = byName[name]
      return row.ok ? [] : row.errors
    }
    expect(errs('坐标错')).toEqual([expect.objectContaining({ path: 'lat', message: '纬度必须是数字' })])
    expect(errs('境外')[0]).toMatchObject({ path: 'lat', message: expect.stringContaining('不在中国境内') })
    expect(errs('设施错')).toEqual([{ path: 'amenities', message: '未知的设施：游泳池' }])
    expect(errs('时间错')[0]).toMatchObject({ path: 'hours' })
    expect(errs('纬度超界')[0]).toMatchObject({ path: 'lat', message: expect.stringContaining('-90 到 90') })
    expect(byName['坐标错'].row).toBe(3)
  })

  test('a file without the required columns is refused as a whole', () => {
    const r = parseStationsCsv('name,address\n甲,乙\n')
    expect(r).toEqual({ ok: false, message: expect.stringContaining('lat') })
    expect(parseStationsCsv(header + '\n').ok).toBe(false)
  })
})

describe('8 size and row limits are checked while parsing', () => {
  const row = (i: number) => `驿站${i},乐陵市某路 ${i} 号,37.7,117.2,08:00-20:00,饮水,`
  test('8.1 parsing stops at the row limit: what lies beyond it is never read', () => {
    // 5,001 good rows, then an unterminated quote that only a parser reading to the end would trip on.
    const csv = [header, ...Array.from({ length: 5001 }, (_, i) => row(i)), '"never closed,乐陵,1,2,x'].join('\n')
    const r = parseStationsCsv(csv)
    expect(r).toEqual({ ok: false, message: '一次最多导入 5000 行，请分批导入' })
  })
  test('8.2 exactly 5,000 rows are fine', () => {
    const r = parseStationsCsv([header, ...Array.from({ length: 5000 }, (_, i) => row(i))].join('\n'))
    expect(r.ok && r.rows.length).toBe(5000)
  })
  test('8.3 more than 2 MB of text is refused before parsing, with a clear message', () => {
    const r = parseStationsCsv(`${header}\n${'驿'.repeat(800_000)}`)
    expect(r).toEqual({ ok: false, message: 'CSV 文件过大（最多 2MB，约 1 万行），请分批导入' })
  })
})
