import Taro from '@tarojs/taro'

type LocateResult =
  | { ok: true; lat: number; lng: number }
  /** denied: the user (or the system) said no — retrying silently will not help, settings might. */
  | { ok: false; reason: 'denied' | 'unavailable' }

async function locateWeapp(): Promise<LocateResult> {
  try {
    // WeChat returns GCJ-02 directly, the same system the stations are stored in.
    const res = await Taro.getLocation({ type: 'gcj02' })
    return { ok: true, lat: res.latitude, lng: res.longitude }
  } catch (e) {
    const msg = String((e as { errMsg?: string })?.errMsg ?? e)
    return { ok: false, reason: /auth|deny|denied|permission|authoriz/i.test(msg) ? 'denied' : 'unavailable' }
  }
}

async function locateBrowser(): Promise<LocateResult> {
  // The whole body sits under a constant test so webpack drops it, and gcoord with it, from the weapp bundle.
  if (process.env.TARO_ENV === 'h5') {
    if (typeof navigator === 'undefined' || !navigator.geolocation) return { ok: false, reason: 'unavailable' }
    const position = await new Promise<GeolocationPosition | GeolocationPositionError>((resolve) => {
      navigator.geolocation.getCurrentPosition(resolve, resolve, { enableHighAccuracy: false, timeout: 10000, maximumAge: 60000 })
    })
    if (!('coords' in position)) {
      return { ok: false, reason: position.code === position.PERMISSION_DENIED ? 'denied' : 'unavailable' }
    }
    // Browsers report WGS-84; Chinese maps and our stations use GCJ-02, a few hundred metres apart.
    const { default: gcoord } = await import('gcoord')
    const [lng, lat] = gcoord.transform([position.coords.longitude, position.coords.latitude], gcoord.WGS84, gcoord.GCJ02) as [number, number]
    return { ok: true, lat, lng }
  }
  return { ok: false, reason: 'unavailable' }
}

export function locate(): Promise<LocateResult> {
  return process.env.TARO_ENV === 'weapp' ? locateWeapp() : locateBrowser()
}

/** weapp: after a refusal WeChat no longer asks, so the only way back is its settings page. */
export function canOpenSettings(): boolean {
  return process.env.TARO_ENV === 'weapp'
}

export async function openLocationSettings(): Promise<boolean> {
  try {
    const res = await Taro.openSetting()
    return !!res.authSetting['scope.userLocation']
  } catch {
    return false
  }
}

/** Whether location may be read without asking: pages that only add a distance never pop a permission prompt. */
async function locationAllowed(): Promise<boolean> {
  try {
    if (process.env.TARO_ENV === 'weapp') return (await Taro.getSetting()).authSetting['scope.userLocation'] === true
    if (typeof navigator === 'undefined' || !navigator.permissions) return false
    return (await navigator.permissions.query({ name: 'geolocation' })).state === 'granted'
  } catch {
    return false
  }
}

/** The position when location is already allowed, else null (and no prompt). */
export async function locateIfAllowed(): Promise<{ lat: number; lng: number } | null> {
  if (!(await locationAllowed())) return null
  const at = await locate()
  return at.ok ? { lat: at.lat, lng: at.lng } : null
}
