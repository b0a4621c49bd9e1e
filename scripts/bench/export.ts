/**
 * The member-list export at county scale: 50,000 approved members written as .xlsx, once with the streaming
 * writer the function uses and once with exceljs's in-memory Workbook (what it used before), each in its own
 * process so that peak memory is comparable. Also prints what the call would have answered inline (base64)
 * against the link it answers now. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process'
import { membersWorkbook } from '../../cloudfunctions/membership/export'
import type { ApplicationDoc } from '../../cloudfunctions/membership/model'
import { createPii, type Pii } from '../../cloudfunctions/_core/keys'
import { randomBytes } from 'node:crypto'

const ROWS = Number(process.env.BENCH_MEMBERS ?? 50_000)

function members(pii: Pii): ApplicationDoc[] {
  const out: ApplicationDoc[] = []
  for (let i = 0; i < ROWS; i++) {
    const id = `371481199${String(i % 10)}0101${String(i % 1000).padStart(3, '0')}X`
    out.push({
      _id: `app-${i}`,
      applicantOpenid: `o-${i}`,
      orgId: 'org-leling',
      orgName: '乐陵市快递物流行业联合工会',
      routedBy: 'industry',
      status: 'approved',
      name: '王建国',
      gender: '男',
      ethnicity: '汉族',
      idCipher: pii.encrypt(id),
      idHash: '',
      idMasked: '3714**********123X',
      phoneCipher: pii.encrypt('13800001234'),
      phoneMasked: '138****1234',
      education: '高中/中专',
      politicalStatus: '群众',
      employer: '乐陵市某某快递服务有限公司',
      occupation: '快递员',
      hukouType: 'rural',
      newEmploymentType: 'courier',
      region: 'shizhong',
      regionName: '市中街道',
      consentAt: '2026-11-01T00:00:00.000Z',
      submittedAt: '2026-11-01T00:00:00.000Z',
      timeline: [],
      memberNo: `3714812026${String(i).padStart(6, '0')}`,
      joinDate: '2026-11-02',
    } as ApplicationDoc)
  }
  return out
}

/** The old way, kept here only to measure against: every cell modelled in memory, then zipped at once. */
async function inMemoryWorkbook(rows: ApplicationDoc[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('会员名单')
  ws.columns = [
    '会员编号',
    '姓名',
    '性别',
    '民族',
    '身份证号',
    '手机号',
    '学历',
    '政治面貌',
    '工作单位',
    '职业/工种',
    '户籍类型',
    '新就业形态',
    '所属工会',
    '入会日期',
  ].map((header, i) => ({ header, key: `c${i}` }))
  for (const m of rows) {
    ws.addRow([
      m.memberNo,
      m.name,
      m.gender,
      m.ethnicity,
      m.idMasked,
      m.phoneMasked,
      m.education,
      m.politicalStatus,
      m.employer,
      m.occupation,
      '农业户口',
      '快递员',
      m.orgName,
      m.joinDate,
    ])
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

async function measure(mode: string): Promise<void> {
  const pii = createPii(randomBytes(32))
  const rows = members(pii)
  global.gc?.()
  const base = process.memoryUsage().rss
  let peak = base
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
  const t0 = performance.now()
  const file = mode === 'stream' ? await membersWorkbook(rows, pii, false) : await inMemoryWorkbook(rows)
  const ms = performance.now() - t0
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().rss)
  console.log(
    JSON.stringify({
      mode,
      ms: Math.round(ms),
      bytes: file.length,
      base64: Math.ceil(file.length / 3) * 4,
      peakMb: Math.round(peak / 1048576),
      addedMb: Math.round((peak - base) / 1048576),
    }),
  )
}

async function main() {
  const mode = process.argv[2]
  if (mode) return measure(mode)
  const runs = ['stream', 'memory'].map((m) => {
    const r = spawnSync(process.execPath, ['--expose-gc', __filename, m], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(r.stderr)
    return JSON.parse(r.stdout.trim().split('\n').pop() as string) as {
      mode: string
      ms: number
      bytes: number
      base64: number
      peakMb: number
      addedMb: number
    }
  })
  const [stream, memory] = runs
  console.log(`会员名单导出 ${ROWS.toLocaleString()} 行（每种写法单独一个进程）`)
  console.log(
    `  流式写入（现用）   ${stream.ms} ms，文件 ${(stream.bytes / 1048576).toFixed(1)} MB，峰值 RSS ${stream.peakMb} MB（写文件时增加 ${stream.addedMb} MB）`,
  )
  console.log(
    `  内存 Workbook（旧） ${memory.ms} ms，文件 ${(memory.bytes / 1048576).toFixed(1)} MB，峰值 RSS ${memory.peakMb} MB（写文件时增加 ${memory.addedMb} MB）`,
  )
  console.log(
    `  写文件时增加的内存约为旧写法的 1/${Math.round(memory.addedMb / Math.max(stream.addedMb, 1))}，耗时约为 1/${(memory.ms / stream.ms).toFixed(1)}`,
  )
  console.log(`  调用返回：以前内联 base64 ${(stream.base64 / 1048576).toFixed(1)} MB；现在只返回一个 10 分钟有效的链接（约 200 字节）`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
