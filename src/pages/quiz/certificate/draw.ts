import type { Certificate } from '@/contracts/quiz/levels'

/** The 2D context calls both WeChat's canvas and the browser's offer. */
export interface Ctx2D {
  fillStyle: string | unknown
  strokeStyle: string | unknown
  lineWidth: number
  font: string
  textAlign: string
  textBaseline: string
  fillRect(x: number, y: number, w: number, h: number): void
  strokeRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  beginPath(): void
  arc(x: number, y: number, r: number, a: number, b: number): void
  stroke(): void
}

export const CERT_W = 750
export const CERT_H = 1060
const RED = '#C8102E'
const INK = '#1F2329'
const GREY = '#5C6370'

/** Lines no wider than `max`, broken between characters (Chinese has no spaces to break at). */
function wrap(ctx: Ctx2D, text: string, max: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of [...text]) {
    if (ctx.measureText(line + ch).width > max && line) {
      lines.push(line)
      line = ch
    } else line += ch
  }
  if (line) lines.push(line)
  return lines
}

const longDay = (day: string) => `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

/** The certificate as one picture: the holder's name, the campaign, the day, the issuer and the code to check. */
export function drawCertificate(ctx: Ctx2D, c: Certificate) {
  ctx.fillStyle = '#FFFDF7'
  ctx.fillRect(0, 0, CERT_W, CERT_H)
  ctx.strokeStyle = RED
  ctx.lineWidth = 12
  ctx.strokeRect(24, 24, CERT_W - 48, CERT_H - 48)
  ctx.lineWidth = 2
  ctx.strokeRect(48, 48, CERT_W - 96, CERT_H - 96)

  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillStyle = RED
  ctx.font = 'bold 64px sans-serif'
  ctx.fillText('荣 誉 证 书', CERT_W / 2, 170)

  ctx.fillStyle = INK
  ctx.font = 'bold 52px sans-serif'
  ctx.fillText(c.name, CERT_W / 2, 320)
  ctx.fillRect(CERT_W / 2 - 160, 360, 320, 2)

  ctx.font = '32px sans-serif'
  const body = `于${longDay(c.day)}通过「${c.campaignTitle}」全部关卡，特发此证。`
  wrap(ctx, body, CERT_W - 200).forEach((line, i) => ctx.fillText(line, CERT_W / 2, 440 + i * 52))

  // The issuer and a round seal beside it.
  ctx.font = '30px sans-serif'
  ctx.fillText(c.orgName || '县总工会', CERT_W / 2, 720)
  ctx.fillText(longDay(c.day), CERT_W / 2, 770)
  ctx.strokeStyle = RED
  ctx.lineWidth = 5
  ctx.beginPath()
  ctx.arc(CERT_W / 2 + 170, 740, 78, 0, Math.PI * 2)
  ctx.stroke()
  ctx.fillStyle = RED
  ctx.font = 'bold 26px sans-serif'
  ctx.fillText('答题通关', CERT_W / 2 + 170, 740)

  ctx.fillStyle = INK
  ctx.font = 'bold 34px sans-serif'
  ctx.fillText(`证书编号 ${c.code}`, CERT_W / 2, 900)
  ctx.fillStyle = GREY
  ctx.font = '24px sans-serif'
  ctx.fillText('核验：小程序「答题抽奖」→「核验证书」，输入编号', CERT_W / 2, 950)
}
