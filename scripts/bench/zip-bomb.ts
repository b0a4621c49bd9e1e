/**
 * Imports against a zip bomb (issue 19): an .xlsx of about 1.9 MB whose headers declare 4 KB and whose worksheet
 * inflates to 1.9 GB. Each importer (quiz questions, stations, the org tree) reads it in its own process, after
 * a warm-up with an honest workbook so that exceljs and JSZip are loaded; the figure is the peak RSS above that
 * idle process. Target: under 100 MB above idle, refused with a Chinese message. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process'
import { parseQuestionsFile } from '../../cloudfunctions/quiz/import'
import { parseImportFile } from '../../cloudfunctions/stations/csv'
import { readWorkbook } from '../../cloudfunctions/orgs/import/workbook'
import { xlsxBomb } from '../../tests/utils/zip-bomb'

const INFLATED_MB = Number(process.env.BENCH_BOMB_MB ?? 1900)

const IMPORTERS: Record<string, (buf: Buffer) => Promise<{ ok: boolean; message?: string }>> = {
  quiz: (b) => parseQuestionsFile(b),
  stations: (b) => parseImportFile('bomb.xlsx', b),
  orgs: (b) => readWorkbook(b) as Promise<{ ok: boolean; message?: string }>,
}

async function honest(): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('题库')
  ws.addRow(['题型', '题干', '选项', '答案', '解析'])
  for (let i = 0; i < 50; i++) ws.addRow(['单选', `第 ${i + 1} 题：劳动争议申请仲裁的时效期间为多久？`, '六个月|一年|二年|三年', 'B', ''])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

async function measure(name: string): Promise<void> {
  const run = IMPORTERS[name]
  const bomb = xlsxBomb(INFLATED_MB)
  await run(await honest()) // warm-up: modules loaded, as in a function that has served an import before
  global.gc?.()
  const base = process.memoryUsage().rss
  let peak = base
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
  const t0 = performance.now()
  const r = await run(bomb)
  const ms = performance.now() - t0
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().rss)
  console.log(
    JSON.stringify({
      name,
      fileMb: +(bomb.length / 1048576).toFixed(2),
      ms: Math.round(ms),
      idleMb: Math.round(base / 1048576),
      addedMb: Math.round((peak - base) / 1048576),
      refused: !r.ok,
      message: r.message ?? '',
    }),
  )
}

async function main() {
  const mode = process.argv[2]
  if (mode) return measure(mode)
  console.log(`ZIP 炸弹：声明解压 4 KB，实际解压 ${INFLATED_MB} MB（每个导入单独一个进程，预热后测峰值 RSS）`)
  for (const name of Object.keys(IMPORTERS)) {
    const r = spawnSync(process.execPath, ['--expose-gc', __filename, name], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(r.stderr)
    const m = JSON.parse(r.stdout.trim().split('\n').pop() as string) as {
      name: string
      fileMb: number
      ms: number
      idleMb: number
      addedMb: number
      refused: boolean
      message: string
    }
    const verdict = m.refused && m.addedMb < 100 ? '达标（< 100 MB）' : '未达标'
    console.log(
      `  ${m.name.padEnd(8)} 文件 ${m.fileMb} MB，${m.ms} ms，空闲 ${m.idleMb} MB，峰值比空闲多 ${m.addedMb} MB，${m.refused ? '已拒绝' : '未拒绝！'} ${verdict}`,
    )
    console.log(`           「${m.message}」`)
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
