import { allows } from '@/contracts/api'
import type { Me } from '@/contracts/roles'
import { stationsApi } from '@/contracts/stations/api'

/** Keepers look after existing stations; only org staff open new ones or import them in bulk (the same roles as importCsv). */
export const canCreateStations = (me: Me | null) => !!me && allows(stationsApi.importCsv, me.roles)
