import QRCode from 'qrcode'
import { maskName } from '../../src/contracts/membership/idcard'
import type { Signer } from '../_core/keys'

/** What a card's QR carries: enough to show a verifier, nothing more (masked name, no ID number). */
export interface CardClaims {
  v: 1
  n: string // member number
  m: string // masked name
  o: string // union name
  j: string // join date
}

const PREFIX = 'GH1'

export function cardPayload(signer: Signer, memberNo: string, name: string, orgName: string, joinDate: string): string {
  const claims: CardClaims = { v: 1, n: memberNo, m: maskName(name), o: orgName, j: joinDate }
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${PREFIX}.${body}.${signer.sign(`${PREFIX}.${body}`)}`
}

/** The claims when the signature holds; null for anything forged, altered or malformed. */
export function readCardPayload(signer: Signer, payload: string): CardClaims | null {
  const parts = payload.trim().split('.')
  if (parts.length !== 3 || parts[0] !== PREFIX) return null
  if (!signer.verify(`${parts[0]}.${parts[1]}`, parts[2])) return null
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as CardClaims
    return claims.v === 1 && typeof claims.n === 'string' ? claims : null
  } catch {
    return null
  }
}

/** Rendered on the server: the mini-program then needs no QR library in its package. */
export function qrImage(payload: string): Promise<string> {
  return QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 1, width: 360, color: { dark: '#1F2329', light: '#FFFFFF' } })
}
